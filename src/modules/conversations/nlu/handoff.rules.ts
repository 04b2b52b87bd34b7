import { foldKeepingOffsets } from './text-normalization.ts';

/**
 * Explicit requests for a person, caught by rules as well as by the classifier: a lead who asks
 * for a human must get one even when the rest of the message confuses the model.
 */
const HANDOFF_PHRASES: RegExp[] = [
  /\b(?:parler|discuter|echanger) (?:a|avec) (?:un |une |quelqu'un|qqn|une vraie personne|un vrai|un humain|un conseiller|une conseillere|un commercial|un agent|un expert|une personne|le responsable|votre equipe)/,
  /\b(?:un|une) (?:vrai|vraie) (?:humain|personne|conseill\w*)\b/,
  /\b(?:appele[rz]?|rappele[rz]?|telephone[rz]?)[- ]moi\b/,
  /\b(?:pouvez|pourriez|peux|pourrais)[- ](?:vous|tu) (?:m'appeler|me rappeler|me telephoner|me joindre)\b/,
  /\b(?:mettez|mets)[- ]moi en (?:relation|contact)\b/,
  /\b(?:talk|speak|chat) (?:to|with) (?:a |an |someone|somebody|a real|your team|a person|a human|an agent|a rep|a sales\w*|an advisor|an expert|a manager)/,
  /\b(?:real|actual) (?:human|person)\b/,
  /\b(?:call|ring|phone) me\b/,
  /\b(?:human|agent|operator|representative) please\b/,
  /\bcall ?back\b/,
  /\b(?:put|connect|transfer) me (?:through |in touch )?(?:to|with)\b/,
];

export function detectHandoffRequest(text: string): { isHandoffRequest: boolean; evidence: string | null } {
  const folded = foldKeepingOffsets(text);
  for (const pattern of HANDOFF_PHRASES) {
    const match = pattern.exec(folded);
    if (match)
      return { isHandoffRequest: true, evidence: text.slice(match.index, match.index + match[0].length) };
  }
  return { isHandoffRequest: false, evidence: null };
}
