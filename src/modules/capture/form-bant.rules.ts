function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

export const BANT_FORM_TARGETS = ['bant.budget', 'bant.authority', 'bant.need', 'bant.timeline'] as const;
export type BantFormTarget = (typeof BANT_FORM_TARGETS)[number];

export interface FormBantAnswer {
  field: 'budget' | 'authority' | 'need' | 'timeline';
  value: unknown;
  /** The form field the value came from (stored as the BANT value's source). */
  sourceRef: string;
}

// Select options are usually written for people: accept the codes and common French/English labels.
const AUTHORITY_LABELS: Record<string, string> = {
  decision_maker: 'decision_maker',
  decideur: 'decision_maker',
  'decision maker': 'decision_maker',
  'je decide': 'decision_maker',
  influencer: 'influencer',
  influenceur: 'influencer',
  prescripteur: 'influencer',
  user: 'user',
  utilisateur: 'user',
  unknown: 'unknown',
  'ne sait pas': 'unknown',
};

const HORIZON_LABELS: Record<string, string> = {
  lt_1m: 'lt_1m',
  '< 1 mois': 'lt_1m',
  '< 1 month': 'lt_1m',
  '1_3m': '1_3m',
  '1-3 mois': '1_3m',
  '1-3 months': '1_3m',
  '3_6m': '3_6m',
  '3-6 mois': '3_6m',
  '3-6 months': '3_6m',
  gt_6m: 'gt_6m',
  '> 6 mois': 'gt_6m',
  '> 6 months': 'gt_6m',
  unknown: 'unknown',
};

const NO_BUDGET = new Set(['none', 'aucun', 'pas de budget', 'no budget', '0']);

function parseAmount(text: string): number | null {
  const match = /^(\d+(?:[.,]\d+)?)\s*(k)?$/i.exec(text.replace(/[\s\u00a0€$]|eur|usd/gi, ''));
  if (!match) return null;
  const amount = Number(match[1]!.replace(',', '.')) * (match[2] ? 1000 : 1);
  return Number.isFinite(amount) ? amount : null;
}

/**
 * Reads a form answer into a BANT value: budget as an amount ("15000", "15 k€"), a range ("10000-20000")
 * or none; authority and timeline from their codes or common labels; need as free text (qualification
 * matches its category). Returns null when the answer cannot be read, so the form can say which field.
 */
export function readFormBantAnswer(
  target: BantFormTarget,
  fieldName: string,
  text: string,
  currency = 'EUR',
): FormBantAnswer | null {
  const folded = foldText(text);
  switch (target) {
    case 'bant.need':
      return { field: 'need', value: { text }, sourceRef: fieldName };
    case 'bant.authority': {
      const authority = AUTHORITY_LABELS[folded];
      return authority ? { field: 'authority', value: authority, sourceRef: fieldName } : null;
    }
    case 'bant.timeline': {
      if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()))
        return { field: 'timeline', value: { kind: 'date', date: text.trim() }, sourceRef: fieldName };
      const horizon = HORIZON_LABELS[folded];
      return horizon
        ? { field: 'timeline', value: { kind: 'horizon', horizon }, sourceRef: fieldName }
        : null;
    }
    case 'bant.budget': {
      if (NO_BUDGET.has(folded)) return { field: 'budget', value: { kind: 'none' }, sourceRef: fieldName };
      const [low, high, extra] = folded.split(/\s*[-–]\s*|\s+(?:a|to)\s+/);
      if (high !== undefined && extra === undefined) {
        const min = parseAmount(low ?? '');
        const max = parseAmount(high);
        return min !== null && max !== null && min <= max
          ? { field: 'budget', value: { kind: 'range', min, max, currency }, sourceRef: fieldName }
          : null;
      }
      const amount = parseAmount(folded);
      return amount !== null
        ? { field: 'budget', value: { kind: 'amount', amount, currency }, sourceRef: fieldName }
        : null;
    }
  }
}
