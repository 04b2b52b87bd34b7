import type { TouchPoint } from '../leads/index.ts';
import { FREE_EMAIL_DOMAINS, foldText } from './grid/text-folding.ts';
import type { FeatureRow } from './predictive/index.ts';

/**
 * What the workspace model learns from: only what is known when a lead arrives, plus how it
 * engaged in its first days. Lead fields: source, country, language, company size and industry,
 * the job title read as a seniority group, the e-mail domain (free or corporate) and the first
 * touch's utm source/medium. Behaviour: counts of events by type from the lead's creation to
 * EVENT_WINDOW_DAYS later (events dated before the creation count too: they were known at
 * arrival). A lead younger than the window has partial counts, so its probability rises as it
 * engages — which is what the model learnt from older leads at the same point.
 * Fields a rep fills after contact (stage, score, temperature, owner, BANT) are never read.
 */

export const EVENT_WINDOW_DAYS = 14;
/** The outcome column of the training rows: "won", "lost" or null (not labelled). */
export const OUTCOME_COLUMN = 'outcome';
export const EVENT_FEATURE_PREFIX = 'events.';
/** Event types kept as features at most (the most frequent ones), to bound the model's width. */
export const MAX_EVENT_FEATURES = 30;

/** Types that say what Chaud or a rep did, or the outcome itself, not what the lead did. */
const NON_BEHAVIOUR_EVENT_TYPES = new Set([
  'stage_changed',
  'temperature_changed',
  'lead_captured',
  'lead_updated',
  'lead_merged',
  'consent_changed',
  'owner_assigned',
]);
/** Event types recording a lost deal, when a workspace sends them (custom types start with x-). */
export const LOST_EVENT_TYPES = ['lost', 'deal_lost', 'x-lost', 'x-deal-lost', 'x-deal_lost'];

/**
 * Seniority groups read from the job title by folded substrings — the same matching as the
 * grid's `contains_any`, so a frozen group maps onto a grid rule. First matching group wins.
 */
export const JOB_TITLE_GROUPS: { group: string; keywords: string[] }[] = [
  {
    group: 'executive',
    keywords: [
      'ceo',
      'pdg',
      'chief',
      'founder',
      'fondat',
      'owner',
      'gerant',
      'general manager',
      'directeur general',
      'directrice generale',
      'managing director',
    ],
  },
  { group: 'director', keywords: ['director', 'directeur', 'directrice', 'head of', 'vice president', 'vp'] },
  { group: 'manager', keywords: ['manager', 'responsable', 'chef', 'team lead', 'supervis'] },
  { group: 'student', keywords: ['student', 'etudiant', 'stagiaire', 'alternan', 'apprenti'] },
];

/** A lead as read for prediction: its arrival fields and its event counts in the window. */
export interface LeadForPrediction {
  id: string;
  stage: string;
  jobTitle: string | null;
  language: string | null;
  country: string | null;
  email: string | null;
  companySize: string | null;
  companyIndustry: string | null;
  source: string | null;
  firstTouch: TouchPoint | null;
  attributes: Record<string, unknown>;
  /** Events by type within the window. */
  eventCounts: Record<string, number>;
  hasLostEvent: boolean;
}

export function isBehaviourEventType(type: string): boolean {
  return !NON_BEHAVIOUR_EVENT_TYPES.has(type) && !LOST_EVENT_TYPES.includes(type);
}

export function groupJobTitle(title: string | null): string | null {
  if (title === null || title.trim() === '') return null;
  const folded = foldText(title);
  const match = JOB_TITLE_GROUPS.find((entry) => entry.keywords.some((keyword) => folded.includes(keyword)));
  return match?.group ?? 'other';
}

const FREE_DOMAINS = new Set(FREE_EMAIL_DOMAINS);

export function classifyEmailDomain(email: string | null): 'free' | 'corporate' | null {
  const domain = email?.split('@')[1]?.trim().toLowerCase();
  if (!domain) return null;
  return FREE_DOMAINS.has(domain) ? 'free' : 'corporate';
}

/** won = became a customer; lost = disqualified or a lost event; anything else is still open. */
export function outcomeOf(lead: Pick<LeadForPrediction, 'stage' | 'hasLostEvent'>): 'won' | 'lost' | null {
  if (lead.stage === 'customer') return 'won';
  if (lead.stage === 'disqualified' || lead.hasLostEvent) return 'lost';
  return null;
}

const textOrNull = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();

/** The arrival features of a lead; `eventTypes` fixes which counts are columns (0 when absent). */
export function toFeatureRow(lead: LeadForPrediction, eventTypes: string[]): FeatureRow {
  const row: FeatureRow = {
    source: textOrNull(lead.source),
    country: textOrNull(lead.country),
    language: textOrNull(lead.language),
    companySize: textOrNull(lead.companySize),
    companyIndustry: textOrNull(lead.companyIndustry),
    jobTitleGroup: groupJobTitle(lead.jobTitle),
    emailDomain: classifyEmailDomain(lead.email),
    utmSource: textOrNull(lead.firstTouch?.utm.source?.toLowerCase()),
    utmMedium: textOrNull(lead.firstTouch?.utm.medium?.toLowerCase()),
  };
  for (const type of eventTypes) row[`${EVENT_FEATURE_PREFIX}${type}`] = lead.eventCounts[type] ?? 0;
  return row;
}

/** The most frequent behaviour event types among `leads`, as feature columns. */
export function chooseEventTypes(leads: LeadForPrediction[]): string[] {
  const leadsWithType = new Map<string, number>();
  for (const lead of leads) {
    for (const [type, count] of Object.entries(lead.eventCounts)) {
      if (count > 0 && isBehaviourEventType(type))
        leadsWithType.set(type, (leadsWithType.get(type) ?? 0) + 1);
    }
  }
  return [...leadsWithType]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_EVENT_FEATURES)
    .map(([type]) => type)
    .sort();
}

const LEAD_FIELDS = [
  'source',
  'country',
  'language',
  'companySize',
  'companyIndustry',
  'jobTitle',
  'email',
] as const satisfies readonly (keyof LeadForPrediction)[];
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const FIELD_BY_SQUASHED = new Map<string, (typeof LEAD_FIELDS)[number]>(
  LEAD_FIELDS.map((field) => [squash(field), field]),
);

/**
 * A lead read with the columns of a model trained on a CSV: each column is the lead attribute of
 * that name (how `chaud import` keeps unrecognised columns), else the lead field of that name
 * ("Country", "company_size"…), else missing.
 */
export function toCsvFeatureRow(lead: LeadForPrediction, columns: string[]): FeatureRow {
  const row: FeatureRow = {};
  for (const column of columns) {
    const attribute = lead.attributes[column];
    if (typeof attribute === 'string' || typeof attribute === 'number' || typeof attribute === 'boolean') {
      row[column] = attribute;
      continue;
    }
    const field = FIELD_BY_SQUASHED.get(squash(column));
    row[column] = field ? lead[field] : null;
  }
  return row;
}

/** The grid field a CSV column maps to when frozen: a lead field of that name, else an attribute. */
export function gridFieldOfColumn(column: string): string | null {
  const field = FIELD_BY_SQUASHED.get(squash(column));
  if (field) return field;
  return /^[A-Za-z0-9_-]{1,64}$/.test(column) ? `attributes.${column}` : null;
}
