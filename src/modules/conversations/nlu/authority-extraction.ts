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
const ABOVE = String.raw`(?:mon|ma|mes|notre|nos|la|le|les|my|our|the)\s+(?:boss|patron\w*|chef|direction|dg|pdg|manager|n\+1|n\+2|superieur\w*|hierarchie|responsable|comite\w*|dirigeant\w*|president\w*|ceo|cfo|daf|directeur\w*|directrice|director|supervisor|head|vp|board|management|conseil d'administration|ca)`;

interface Rule {
  pattern: RegExp;
  value: Authority;
  confidence: number;
}

const RULES: Rule[] = [
  // "Someone above me decides" wins over a title: "je suis directeur marketing mais je dois en parler à mon DG".
  {
    pattern: new RegExp(
      String.raw`\b(?:je (?:dois|devrai|vais devoir|vais)|il faut que (?:je|j')|j'ai besoin d')\s*(?:en\s+|le\s+|la\s+|les\s+)?(?:faire )?(?:parl|voi|valid|consult|demand|remont|soum|present|transm|discut|verifi|check)\w*(?:\s+\S+){0,4}?\s+(?:a|avec|par|aupres de)\s+${ABOVE}\b`,
    ),
    value: 'influencer',
    confidence: 0.85,
  },
  {
    pattern: new RegExp(
      String.raw`\bi(?:'ll| will)? (?:need to|have to|must|gotta|should|'ll|will)\s+(?:ask|check with|talk to|speak to|speak with|talk with|run (?:it|this|that) (?:by|past)|consult|get (?:approval|sign[- ]off|the ok) from|loop in|pass (?:it|this) (?:on )?to)\s+${ABOVE}\b`,
    ),
    value: 'influencer',
    confidence: 0.85,
  },
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
  {
    pattern: new RegExp(String.raw`\b${SELF}${ARTICLE}${USER_TITLE}\b`),
    value: 'user',
    confidence: 0.8,
  },
  {
    pattern:
      /\b(?:je (?:regarde|me renseigne|fais (?:une |de la )?veille)|c'est (?:juste )?pour (?:me renseigner|voir|un projet perso)|juste pour voir|par curiosite|i'?m (?:just )?(?:looking|browsing|curious|doing (?:some )?research)|just (?:looking|browsing|curious)|gathering (?:info|information))/,
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
 * sales"), a statement of who decides ("c'est moi qui décide", "I need to ask my boss"), or of
 * just looking ("je suis stagiaire", "I'm just looking"). The first rule that matches wins: rules
 * are ordered so that having to ask someone above outweighs a title.
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
