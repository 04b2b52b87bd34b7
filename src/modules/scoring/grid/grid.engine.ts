import type {
  EngagementRule,
  FitCondition,
  FitRule,
  PropertyFilter,
  ScoringRule,
  ScoringSettings,
} from './grid.schemas.ts';
import { FREE_EMAIL_DOMAINS, foldText, parseEmployeeCount } from './text-folding.ts';

export const DAY_MS = 86_400_000;

/** What fit rules read about a lead. */
export interface LeadFacts {
  jobTitle: string | null;
  companySize: string | null;
  companyIndustry: string | null;
  companyDomain: string | null;
  companyName: string | null;
  country: string | null;
  language: string | null;
  email: string | null;
  source: string | null;
  attributes: Record<string, unknown>;
}

export interface EventFact {
  id: string;
  type: string;
  occurredAt: number;
  properties: Record<string, unknown>;
}

export interface Contribution {
  ruleId: string;
  ruleName: string;
  group: 'fit' | 'engagement';
  points: number;
  decayedPoints: number;
  occurredAt: string | null;
  eventId: string | null;
}

export interface GridScore {
  fit: number;
  engagement: number;
  total: number;
  contributions: Contribution[];
}

export interface CompiledGrid {
  score(lead: LeadFacts, events: readonly EventFact[], nowMs: number): GridScore;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const FREE_DOMAINS = new Set(FREE_EMAIL_DOMAINS);

function readField(lead: LeadFacts, field: string): string | null {
  if (field.startsWith('attributes.')) {
    const name = field.slice('attributes.'.length);
    // Own properties only: `attributes.constructor` must not find Object's prototype.
    const value = Object.hasOwn(lead.attributes, name) ? lead.attributes[name] : undefined;
    return value === undefined || value === null || value === '' ? null : String(value);
  }
  const value = lead[field as keyof LeadFacts];
  return typeof value === 'string' && value !== '' ? value : null;
}

type LeadPredicate = (lead: LeadFacts) => boolean;

function compileFitCondition(condition: FitCondition, settings: ScoringSettings): LeadPredicate {
  const icp = settings.icp;
  const inRanges = (ranges: { min: number; max: number | null }[]) => (lead: LeadFacts) => {
    const count = parseEmployeeCount(lead.companySize);
    return (
      count !== null &&
      ranges.some((range) => count >= range.min && (range.max === null || count <= range.max))
    );
  };
  const containsAny = (field: string, keywords: string[]) => {
    const folded = keywords.map(foldText).filter((keyword) => keyword.length > 0);
    return (lead: LeadFacts) => {
      const value = readField(lead, field);
      if (value === null) return false;
      const text = foldText(value);
      return folded.some((keyword) => text.includes(keyword));
    };
  };
  const inSet = (field: string, values: string[]) => {
    const set = new Set(values.map(foldText));
    return (lead: LeadFacts) => {
      const value = readField(lead, field);
      return value !== null && set.has(foldText(value));
    };
  };
  switch (condition.op) {
    case 'equals':
      return inSet(condition.field, [condition.value]);
    case 'in':
      return inSet(condition.field, condition.values);
    case 'not_in': {
      const isIn = inSet(condition.field, condition.values);
      return (lead) => readField(lead, condition.field) !== null && !isIn(lead);
    }
    case 'contains_any':
      return containsAny(condition.field, condition.values);
    case 'exists':
      return (lead) => readField(lead, condition.field) !== null;
    case 'missing':
      return (lead) => readField(lead, condition.field) === null;
    case 'employees_between':
      return inRanges([{ min: condition.min, max: condition.max }]);
    case 'free_email_domain':
      return (lead) => {
        const domain = lead.email?.split('@')[1];
        return domain !== undefined && FREE_DOMAINS.has(domain.toLowerCase());
      };
    case 'icp_persona':
      return icp.personas.length ? containsAny('jobTitle', icp.personas) : () => false;
    case 'icp_company_size':
      return icp.companySizes.length ? inRanges(icp.companySizes) : () => false;
    case 'icp_industry':
      return icp.industries.length ? inSet('companyIndustry', icp.industries) : () => false;
    case 'icp_country':
      return icp.countries.length ? inSet('country', icp.countries) : () => false;
  }
}

function compileFilter(filter: PropertyFilter): (properties: Record<string, unknown>) => boolean {
  const expected = filter.value === undefined ? '' : foldText(filter.value);
  return (properties) => {
    const raw = properties[filter.property];
    switch (filter.op) {
      case 'exists':
        return raw !== undefined && raw !== null && raw !== '';
      case 'is_true':
        return raw === true || raw === 'true';
      case 'equals':
        return raw !== undefined && raw !== null && foldText(String(raw)) === expected;
      case 'contains':
        return raw !== undefined && raw !== null && foldText(String(raw)).includes(expected);
    }
  };
}

/** The occurrences of an engagement rule that earn points, most recent first. */
export function selectOccurrences(rule: EngagementRule, matching: EventFact[]): EventFact[] {
  const { condition, frequency } = rule;
  if (matching.length === 0) return [];
  if (condition.minCount !== undefined) return matching.length >= condition.minCount ? [matching[0]!] : [];
  if (frequency.mode === 'once') return [matching[0]!];
  if (frequency.mode === 'per_occurrence') return matching.slice(0, frequency.max);
  const periodMs = frequency.periodDays * DAY_MS;
  const picked: EventFact[] = [];
  let lastBucket: number | null = null;
  for (const event of matching) {
    const bucket = Math.floor(event.occurredAt / periodMs);
    if (bucket === lastBucket) continue;
    lastBucket = bucket;
    picked.push(event);
    if (frequency.max !== undefined && picked.length >= frequency.max) break;
  }
  return picked;
}

function sumGroup(values: number[], cap: number | null): number {
  let positive = 0;
  let negative = 0;
  for (const value of values) {
    if (value >= 0) positive += value;
    else negative += value;
  }
  // A cap limits what a group can earn; penalties still apply in full.
  return (cap === null ? positive : Math.min(positive, cap)) + negative;
}

/**
 * Compiles a grid once into plain functions (no interpretation per lead), so scoring a lead costs a
 * pass over its events. Engagement points decay by half every `halfLifeDays`; fit points do not.
 */
export function compileGrid(rules: readonly ScoringRule[], settings: ScoringSettings): CompiledGrid {
  const enabled = rules.filter((rule) => rule.isEnabled);
  const fitRules = enabled
    .filter((rule): rule is FitRule => rule.group === 'fit')
    .map((rule) => ({ rule, matches: compileFitCondition(rule.condition, settings) }));
  const engagementRules = enabled
    .filter((rule): rule is EngagementRule => rule.group === 'engagement')
    .map((rule) => ({ rule, filters: rule.condition.filters.map(compileFilter) }));
  const halfLifeMs = settings.halfLifeDays * DAY_MS;

  return {
    score(lead, events, nowMs) {
      const contributions: Contribution[] = [];
      for (const { rule, matches } of fitRules) {
        if (matches(lead)) {
          contributions.push({
            ruleId: rule.id,
            ruleName: rule.name,
            group: 'fit',
            points: rule.points,
            decayedPoints: rule.points,
            occurredAt: null,
            eventId: null,
          });
        }
      }
      const byType = new Map<string, EventFact[]>();
      for (const event of events) {
        if (event.occurredAt > nowMs) continue;
        const list = byType.get(event.type);
        if (list) list.push(event);
        else byType.set(event.type, [event]);
      }
      for (const list of byType.values())
        list.sort((a, b) => b.occurredAt - a.occurredAt || (a.id < b.id ? 1 : -1));
      for (const { rule, filters } of engagementRules) {
        const candidates = byType.get(rule.condition.eventType);
        if (!candidates) continue;
        const since =
          rule.condition.withinDays === undefined ? -Infinity : nowMs - rule.condition.withinDays * DAY_MS;
        const matching = candidates.filter(
          (event) => event.occurredAt >= since && filters.every((filter) => filter(event.properties)),
        );
        for (const event of selectOccurrences(rule, matching)) {
          const ageMs = Math.max(0, nowMs - event.occurredAt);
          const decayed = rule.decays ? rule.points * 0.5 ** (ageMs / halfLifeMs) : rule.points;
          contributions.push({
            ruleId: rule.id,
            ruleName: rule.name,
            group: 'engagement',
            points: rule.points,
            decayedPoints: round2(decayed),
            occurredAt: new Date(event.occurredAt).toISOString(),
            eventId: event.id,
          });
        }
      }
      const fit = round2(
        sumGroup(
          contributions.filter((item) => item.group === 'fit').map((item) => item.decayedPoints),
          settings.fitCap,
        ),
      );
      const engagement = round2(
        sumGroup(
          contributions.filter((item) => item.group === 'engagement').map((item) => item.decayedPoints),
          settings.engagementCap,
        ),
      );
      return { fit, engagement, total: round2(fit + engagement), contributions };
    },
  };
}
