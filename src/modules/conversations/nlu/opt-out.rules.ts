import { foldKeepingOffsets } from './text-normalization.ts';

/**
 * Opt-out detection by rules, run before the classifier: a lead who writes STOP must never get
 * another message because a model was unsure. The rules favour recall on explicit opt-out words
 * and phrases, and stay narrow enough that "stop" inside an ordinary sentence is not one.
 */
export interface OptOutMatch {
  isOptOut: boolean;
  /** The words that triggered the opt-out, as the lead wrote them. */
  evidence: string | null;
}

// The whole message (emoji, punctuation and politeness aside) is one of these words.
const KEYWORDS = new Set([
  'stop',
  'stopp',
  'stoop',
  'arret',
  'arrete',
  'arretez',
  'arreter',
  'desinscription',
  'desinscrire',
  'desinscrivez moi',
  'desinscris moi',
  'desabonner',
  'desabonnement',
  'desabonnez moi',
  'unsubscribe',
  'unsub',
  'opt out',
  'optout',
  'stop all',
  'stop spam',
  'spam',
]);
const POLITENESS =
  /\b(?:svp|stp|s'il vous plait|s'il te plait|merci|please|pls|plz|thanks|thank you|now|maintenant)\b/g;

// Opt-out phrases that may sit inside a longer message ("Bonjour, merci de me retirer de votre liste").
const PHRASES: RegExp[] = [
  /\b(?:stop|quit|cease) (?:messaging|texting|contacting|writing|sending|spamming|harassing|calling|emailing|bothering) me\b/,
  /\bstop\b(?=\s*(?:[!.,]|$|svp|stp|merci|please|thanks|spam|messag|sms|whatsapp|les messages|vos messages|envoi|contact|harcel|it\b))/,
  /\b(?:unsubscribe|unsub|opt[ -]?out|desinscri\w*|desabonn\w*)\b/,
  /\b(?:ne|n') ?(?:plus|pas) me (?:contacter|recontacter|ecrire|relancer|deranger|solliciter|envoyer|appeler|harceler)\b/,
  /\bne me (?:contacte[zr]?|recontacte[zr]?|relance[zr]?|derange[zr]?|sollicite[zr]?|ecri(?:s|vez)) plus\b/,
  /\bn'ecri(?:s|vez|re) plus\b/,
  /\barret(?:e|ez|er)? (?:de|d') ?(?:m'|me )?(?:ecrire|envoyer|contacter|spammer|harceler|relancer|solliciter|appeler|deranger)\b/,
  /\barret(?:e|ez)? (?:les|vos|tes|ces) (?:messages|sms|relances|envois|mails)\b/,
  /\barret des (?:messages|sms|relances|envois)\b/,
  /\b(?:retire[rz]?|supprime[rz]?|enleve[rz]?|efface[rz]?|raye[rz]?)[- ]?(?:moi|mon numero|mes (?:donnees|coordonnees|infos))\b/,
  /\bje ne (?:veux|souhaite) plus (?:recevoir (?:de |vos |ces |les |tes )?(?:messages|sms|relances|mails|e-?mails|notifications)|etre (?:re)?contacte|de (?:messages|sms|relances))/,
  /^plus de (?:messages?|sms|relances?)\b/,
  /\blaisse[rz]?[- ]moi tranquille\b/,
  /\b(?:don'?t|do not|never) (?:contact|message|text|call|email|write to|spam) me\b/,
  /\b(?:remove|delete|erase|take) (?:me|my (?:number|data|details|info\w*)) (?:from|off)\b/,
  /\b(?:remove|delete|erase) my (?:number|data|details|information)\b/,
  /\bi (?:no longer|don'?t|do not) (?:wish|want) to (?:be contacted|hear from you|(?:receive|get) (?:any |your |these |the )?(?:messages|texts|sms|emails|notifications))/,
  /\bno more (?:messages|texts|sms|emails)\b/,
  /\bleave me alone\b/,
];

export function detectOptOut(text: string): OptOutMatch {
  const folded = foldKeepingOffsets(text);
  const bare = folded
    .replace(POLITENESS, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (KEYWORDS.has(bare)) {
    return { isOptOut: true, evidence: text.trim() };
  }
  for (const pattern of PHRASES) {
    const match = pattern.exec(folded);
    if (match) return { isOptOut: true, evidence: text.slice(match.index, match.index + match[0].length) };
  }
  return { isOptOut: false, evidence: null };
}

// Every opt-out asks to stop, to be removed or to be left alone: without one of these words a "stop" from
// the classifier is a misreading ("actually more like $20k", "check message"), not an opt-out. Words for
// the messages themselves (message, mail, contact, liste) are not enough: they appear in ordinary replies,
// and the classifier answers "stop" with full confidence for a message whose only known word is "message".
const OPT_OUT_WORDS =
  /\b(?:stop\w*|arret\w*|cess\w*|desinscri\w*|desabonn\w*|unsub\w*|opt[ -]?out|remove|retire\w*|supprim\w*|enlev\w*|effac\w*|delete|erase|tranquille|alone|spam\w*|harcel\w*|harass\w*|bother\w*|derang\w*|sollicit\w*|demarch\w*|plus jamais|anymore|no longer|ne plus|never|no more (?!than)|off (?:your|the|this|my) list|plus de (?:messages?|sms|relances?|mails?|e-?mails?))\b|\bn(?:e\b|')[^.?!]*\bplus\b|\b(?:don'?t|do not)\b[^.?!]*\b(?:contact|message|text|call|email|write)/;

/** Does the message use a word every opt-out uses? Guards the classifier's "stop", never the rules. */
export function hasOptOutWords(text: string): boolean {
  return OPT_OUT_WORDS.test(foldKeepingOffsets(text));
}
