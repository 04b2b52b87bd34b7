import type { Authority } from '../../qualification/index.ts';
import { foldKeepingOffsets } from './text-normalization.ts';

export interface ExtractedAuthority {
  value: Authority;
  confidence: number;
  evidence: string;
}

// The lead speaking of themself: "je suis", "I'm", "en tant que", "my role is"…
const SELF = `(?:je suis|j'suis|jsuis|chui|suis|moi c'est|en tant que|mon (?:role|poste|titre)(?: c'est| est)?|je travaille comme|je bosse comme|i'?m|i am|as|my (?:role|title|position|job) is|i work as)`;
// An article and up to two words before the title: "je suis le nouveau DG", "I'm the marketing manager".
const ARTICLE = String.raw`(?:\s+(?:le|la|un|une|the|a|an)\s+|\s+l'|\s+)(?:[a-z-]+\s+){0,2}?`;

// Titles that decide (spec of issue 5: DG, PDG, CEO, fondateur, gérant, directeur X, head of, VP, owner…).
const DECIDER_TITLE = String.raw`(?:p?dg|ceo|cto|cfo|coo|cmo|cro|cso|daf|drh|dsi|president\w*|vice[- ]president\w*|vp|fondat\w*|co-?fondat\w*|founder|co-?founder|gerant\w*|patron\w*|dirigeant\w*|directeur\w*|directrice\w*|director|head of \w+|owner|proprietaire|managing director|general manager|gm|md|business owner|associe\w*|partner|chef d'entreprise|boss|chief \w+ officer)`;
// Titles that usually carry a recommendation to someone above.
const INFLUENCER_TITLE = String.raw`(?:responsable\s+\w+|manager|chef de projet|project manager|product manager|consultant\w*|assistant\w*|office manager|acheteu\w*|buyer|charge\w* de \w+|lead \w+|team lead)`;
const USER_TITLE = String.raw`(?:stagiaire|alternant\w*|apprenti\w*|etudiant\w*|en stage|intern|student|simple utilisat\w*|utilisat\w*|end[- ]user|user|employe\w*|salarie\w*|commercial\w*|sales rep\w*)`;

// Whom the lead must ask; asking a peer (partner, co-founder) does not make a founder an influencer.
const ABOVE_WHO = String.raw`(?:boss|patron\w*|chef|direction|dg|pdg|manager|n\+1|n\+2|superieur\w*|hierarchie|responsable|comite\w*|dirigeant\w*|president\w*|ceo|cfo|daf|directeur\w*|directrice|director|supervisor|head|vp|board|management|conseil d'administration|ca)`;
// Whom a lead shares the decision with: a peer, family, the team.
const PEER_WHO = String.raw`(?:associe\w*|co-?fondat\w*|cofondat\w*|co-?gerant\w*|partners?|business partners?|co-?founders?|equipe|team|collegues?|colleagues?|femme|mari|wife|husband|conjoint\w*|compagne?|epoux|epouse|frere|soeur|brother|sister|pere|father|mere|mother|family|famille)`;
const OWNER = String.raw`(?:mon|ma|mes|notre|nos|la|le|les|my|our|the)\s+`;
const ABOVE = `${OWNER}${ABOVE_WHO}`;
const PEER = `${OWNER}${PEER_WHO}`;
const ANYONE_ELSE = `${OWNER}(?:${ABOVE_WHO}|${PEER_WHO})`;

// "je dois (d'abord) en parler à…", "il faut que j'en discute avec…", "je vais voir ça avec…"
const MUST_ASK_FR = String.raw`\b(?:je (?:dois|devrai|devrais|vais devoir|vais|voudrais)|il (?:faut|faudra|faudrait)(?: d'abord| aussi| encore| absolument)? que (?:je |j'))(?:\s*(?:d'abord|avant|aussi|encore|forcement|quand meme|absolument|devoir|en|le|la|les|lui|leur|y|ca|cela|faire))*\s*(?:parl|voi|valid|consult|demand|remont|soum|present|transm|discut|verifi|check|decid|reflechi)\w*(?:\s+\S+){0,4}?\s+(?:a|avec|par|aupres de)\s+`;
const MUST_ASK_EN = String.raw`\bi(?:'ll| will|'d| would)?(?: \w+ly| first| also| still)? (?:need to|have to|must|gotta|got to|should|'ll|will|want to)(?: \w+ly| first| also)?\s+(?:ask|check with|talk to|speak to|speak with|talk with|discuss (?:it|this|that) with|run (?:it|this|that) (?:by|past)|consult|get (?:approval|sign[- ]off|the ok|the green light) from|loop in|pass (?:it|this) (?:on )?to|see with|confirm with)\s+`;
// "c'est mon manager qui décide", "my boss decides", "it's up to my partner"
const OTHER_DECIDES = String.raw`\b(?:(?:c'est|ce sont|c'est plutot)\s+${ANYONE_ELSE}\s+qui\s+(?:decide\w*|tranche\w*|valide\w*|signe\w*|choisi\w*|a le dernier mot|aura le dernier mot)|${ANYONE_ELSE}\s+(?:decide\w*|tranche\w*|valide\w*|signe\w*|a le dernier mot|aura le dernier mot|decides|makes the (?:final )?(?:decision|call)s?|will (?:decide|make the (?:final )?(?:decision|call))|has the (?:final|last) (?:say|word)|signs? off|approves|calls the shots)|(?:c'est a|ca depend de|depend de|c'est du ressort de)\s+${ANYONE_ELSE}|(?:it'?s|it is|that'?s)\s+(?:up to|down to)\s+${ANYONE_ELSE}|(?:it'?s|it is)\s+${ANYONE_ELSE}'s\s+(?:call|decision))`;

interface Rule {
  pattern: RegExp;
  value: Authority;
  confidence: number;
}

const RULES: Rule[] = [
  // "Someone above me decides" wins over a title: "je suis directeur marketing mais je dois en parler à mon DG".
  { pattern: new RegExp(`${MUST_ASK_FR}${ABOVE}\\b`), value: 'influencer', confidence: 0.85 },
  { pattern: new RegExp(`${MUST_ASK_EN}${ABOVE}\\b`), value: 'influencer', confidence: 0.85 },
  { pattern: new RegExp(OTHER_DECIDES), value: 'influencer', confidence: 0.85 },
  {
    pattern:
      /\b(?:ce n'est pas moi qui (?:decide|signe|valide)|c'est pas moi qui (?:decide|signe|valide)|je ne decide pas|je (?:ne )?suis pas (?:le |la |celui |celle )?(?:decideu\w*|decisionnaire|qui decide)|la decision (?:revient|appartient|sera prise|se prend)|(?:not|isn'?t) my (?:decision|call)|i'?m not the decision[- ]maker|i (?:don'?t|do not) (?:make|take) the decision|the decision (?:is up to|will be made by|lies with|rests with)|(?:need|needs|requires) (?:sign[- ]off|approval) from|je fais remonter|je vais faire remonter)/,
    value: 'influencer',
    confidence: 0.8,
  },
  {
    pattern:
      /\b(?:c'est moi qui (?:decide|signe|valide|tranche)|c'est moi le (?:decideur|boss|patron|chef)|je suis (?:le |la )?decideu\w*|je (?:decide|prends les decisions|valide le budget|signe)\b|i'?m the (?:decision[- ]maker|one who decides|boss)|i (?:make|take) the (?:decisions?|call)|it'?s my (?:call|decision)|i sign off|i (?:decide|own the budget)|j'ai la main sur le budget)/,
    value: 'decision_maker',
    confidence: 0.9,
  },
  {
    pattern: new RegExp(String.raw`\b${SELF}${ARTICLE}${DECIDER_TITLE}\b`),
    value: 'decision_maker',
    confidence: 0.85,
  },
  {
    pattern:
      /\b(?:i (?:run|own|founded|manage) (?:the|my|our|this) (?:company|business|firm|agency|shop)|je (?:dirige|gere|ai (?:cree|fonde)) (?:la|ma|une|cette|l') ?(?:boite|societe|entreprise|agence|structure))\b/,
    value: 'decision_maker',
    confidence: 0.85,
  },
  {
    // A signature: "Marc, DG de Acme", "Jane Doe, CEO at Acme".
    pattern: new RegExp(
      String.raw`(?:^|[,\-–]\s*)${DECIDER_TITLE}\s+(?:de|d'|chez|of|at|@)\s*[\p{L}\p{N}&.-]+`,
      'u',
    ),
    value: 'decision_maker',
    confidence: 0.75,
  },
  // Sharing the decision with a peer: a founder who says so is still a decider (the rules above win).
  { pattern: new RegExp(`${MUST_ASK_FR}${PEER}\\b`), value: 'influencer', confidence: 0.75 },
  { pattern: new RegExp(`${MUST_ASK_EN}${PEER}\\b`), value: 'influencer', confidence: 0.75 },
  {
    pattern: new RegExp(String.raw`\b${SELF}${ARTICLE}${USER_TITLE}\b`),
    value: 'user',
    confidence: 0.8,
  },
  {
    // An explicit user, not someone browsing: "just looking" says nothing of the lead's role.
    pattern:
      /\b(?:i(?:'ll| will)? (?:\w+ly |just |only )?(?:use|be using) (?:it|the tool|the software|the app|the platform)|je (?:vais |ne fais que )?(?:l'utiliser|l'utilise\w*)|c'est moi qui (?:l'utiliser\w*|vais l'utiliser)|je serai (?:le |la |un |une )?(?:seul\w* )?utilisat\w*|i'?ll be (?:the |an |a )?(?:only )?(?:end[- ])?user)\b/,
    value: 'user',
    confidence: 0.7,
  },
  {
    pattern: new RegExp(String.raw`\b${SELF}${ARTICLE}${INFLUENCER_TITLE}\b`),
    value: 'influencer',
    confidence: 0.6,
  },
];

/**
 * The lead's authority from what they say of their role: a title ("je suis le DG", "I'm head of
 * sales"), a statement of who decides ("c'est moi qui décide", "I need to ask my boss", "c'est
 * mon manager qui décide"), or of being a user ("je suis stagiaire", "I'll just use it"); just
 * browsing says nothing of a role. The first rule that matches wins: having to ask someone above
 * outweighs a title, and a title outweighs sharing the decision with a peer.
 */
export function extractAuthority(text: string): ExtractedAuthority | null {
  const folded = foldKeepingOffsets(text);
  for (const rule of RULES) {
    const match = rule.pattern.exec(folded);
    if (match) {
      const start = match.index + (match[0].length - match[0].trimStart().length);
      return {
        value: rule.value,
        confidence: rule.confidence,
        evidence: text.slice(start, match.index + match[0].length).replace(/^[,\-–]\s*/, ''),
      };
    }
  }
  return null;
}
