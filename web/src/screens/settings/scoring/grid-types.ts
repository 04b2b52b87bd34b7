// The scoring grid as the API sends it (src/modules/scoring/grid/grid.schemas.ts). The editor keeps
// the grid as plain data and lets the server validate it, so its errors can be shown by path.

export const FIT_FIELDS = [
  'jobTitle',
  'companySize',
  'companyIndustry',
  'companyDomain',
  'companyName',
  'country',
  'language',
  'email',
  'source',
] as const;

export const FIT_OPS = [
  'equals',
  'in',
  'not_in',
  'contains_any',
  'exists',
  'missing',
  'employees_between',
  'free_email_domain',
  'icp_persona',
  'icp_company_size',
  'icp_industry',
  'icp_country',
] as const;
export type FitOp = (typeof FIT_OPS)[number];

/** Operators that read a lead field, and which of them compare with one value or a list. */
export const FIELD_OPS: readonly FitOp[] = ['equals', 'in', 'not_in', 'contains_any', 'exists', 'missing'];
export const LIST_OPS: readonly FitOp[] = ['in', 'not_in', 'contains_any'];

export const FILTER_OPS = ['equals', 'contains', 'exists', 'is_true'] as const;
export const FREQUENCY_MODES = ['once', 'per_occurrence', 'once_per_period'] as const;

export interface FitCondition {
  op: FitOp;
  field?: string;
  value?: string;
  values?: string[];
  min?: number;
  max?: number | null;
}

export interface PropertyFilter {
  property: string;
  op: (typeof FILTER_OPS)[number];
  value?: string;
}

export interface EngagementCondition {
  eventType: string;
  filters: PropertyFilter[];
  withinDays?: number;
  minCount?: number;
}

export interface Frequency {
  mode: (typeof FREQUENCY_MODES)[number];
  max?: number;
  periodDays?: number;
}

interface RuleBase {
  id: string;
  name: string;
  points: number;
  isEnabled: boolean;
}
export type FitRule = RuleBase & { group: 'fit'; condition: FitCondition };
export type EngagementRule = RuleBase & {
  group: 'engagement';
  condition: EngagementCondition;
  frequency: Frequency;
  decays: boolean;
};
export type ScoringRule = FitRule | EngagementRule;

export interface GridSettings {
  halfLifeDays: number;
  fitCap: number | null;
  engagementCap: number | null;
  bands: { warm: number; hot: number };
  thresholds: { mql: number; sql: number };
  hotSignalEvents: string[];
  hotSignalDays: number;
  icp: {
    personas: string[];
    companySizes: { min: number; max: number | null }[];
    industries: string[];
    countries: string[];
  };
}

export interface Grid {
  version: number;
  rules: ScoringRule[];
  settings: GridSettings;
}

export interface Rescore {
  mode: 'sync' | 'queued';
  jobId: string | null;
  scored: number | null;
  changed: number | null;
}

export interface GridPreviewResult {
  leads: number;
  changes: { from: string; to: string; count: number }[];
  unchanged: number;
}

/** A new rule gets an id the server keeps; unique enough within one workspace's grid. */
export function newRule(group: 'fit' | 'engagement'): ScoringRule {
  const id = `${group === 'fit' ? 'fit' : 'eng'}-${Date.now().toString(36)}`;
  return group === 'fit'
    ? {
        id,
        name: '',
        group,
        points: 10,
        isEnabled: true,
        condition: { op: 'equals', field: 'jobTitle', value: '' },
      }
    : {
        id,
        name: '',
        group,
        points: 10,
        isEnabled: true,
        decays: true,
        frequency: { mode: 'once' },
        condition: { eventType: '', filters: [] },
      };
}

/** Keeps only the keys an operator takes, so switching operator does not send stale fields. */
export function fitConditionFor(op: FitOp, previous: FitCondition): FitCondition {
  if (op === 'employees_between') return { op, min: previous.min ?? 0, max: previous.max ?? null };
  if (!FIELD_OPS.includes(op)) return { op };
  const field = previous.field ?? 'jobTitle';
  if (LIST_OPS.includes(op))
    return { op, field, values: previous.values ?? (previous.value ? [previous.value] : []) };
  if (op === 'equals') return { op, field, value: previous.value ?? previous.values?.[0] ?? '' };
  return { op, field };
}

export function frequencyFor(mode: Frequency['mode'], previous: Frequency): Frequency {
  if (mode === 'once') return { mode };
  if (mode === 'per_occurrence') return { mode, max: previous.max ?? 3 };
  return { mode, periodDays: previous.periodDays ?? 7, ...(previous.max ? { max: previous.max } : {}) };
}
