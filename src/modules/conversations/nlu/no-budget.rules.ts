/**
 * "No budget" in the lead's words: "pas de budget", "we haven't set a budget yet", "budget à
 * définir". Read on folded text; the evidence is sliced from the lead's own text.
 */
const NO_BUDGET_RULES: [RegExp, number][] = [
  [
    /\b(?:pas (?:encore |vraiment |trop )?(?:de |d')(?:budget|enveloppe)|aucun budget|aucune enveloppe|sans budget|zero budget|budget (?:zero|nul)|pas les moyens)\b/,
    0.85,
  ],
  [/\b(?:on|nous) n'(?:a|avons) pas (?:encore |vraiment )?(?:de |d')?(?:budget|enveloppe)/, 0.85],
  [/\bbudget (?:n'est )?(?:pas|non) (?:encore )?(?:defini|fixe|valide|alloue|prevu|debloque)/, 0.7],
  [/\b(?:no|zero) budget\b(?! (?:limit|constraint|cap|issue|problem))/, 0.85],
  [
    /\b(?:don'?t|do not|doesn'?t|does not|haven'?t|have not|hasn'?t) (?:have |got )?(?:a |any )?budget\b/,
    0.85,
  ],
  [
    /\bbudget (?:is |has )?(?:not|isn'?t|hasn'?t)(?: yet)?(?: been)? (?:defined|set|allocated|approved|confirmed)/,
    0.7,
  ],
  [/\bcan'?t afford\b/, 0.75],
  [
    /\b(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|not yet|yet to) (?:\w+ )?(?:set|defined|allocated|approved|agreed|decided|fixed|earmarked|got|planned)(?: on| for)? (?:a |any |the |our |my |un |une )?budget\b/,
    0.85,
  ],
  [
    /\b(?:on|nous|je|j') ?(?:n'(?:a|avons|ai)|ne l'(?:a|avons|ai)) pas (?:encore )?(?:\w+ )?(?:defini|fixe|arrete|valide|prevu|alloue|debloque|chiffre|determine)(?: de| d'| le| un| notre| aucun)? ?(?:budget|enveloppe)\b/,
    0.85,
  ],
  [
    /\b(?:budget|enveloppe) (?:a (?:definir|determiner|fixer|valider)|tbd|to be (?:defined|determined|confirmed|set))\b/,
    0.7,
  ],
];

export interface NoBudgetMatch {
  confidence: number;
  evidence: string;
  start: number;
  end: number;
}

/** The first "no budget" statement of the message (the rules are ordered surest first), or null. */
export function findNoBudget(text: string, folded: string): NoBudgetMatch | null {
  for (const [pattern, confidence] of NO_BUDGET_RULES) {
    const match = pattern.exec(folded);
    if (match) {
      const end = match.index + match[0].length;
      return { confidence, evidence: text.slice(match.index, end), start: match.index, end };
    }
  }
  return null;
}
