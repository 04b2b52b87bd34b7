// Issue 4, measurement 1: the default grid written for json-rules-engine, and synthetic leads for both engines.
import { Engine } from 'json-rules-engine';
import { DAY_MS, type EventFact, type LeadFacts } from '../src/modules/scoring/grid/grid.engine.ts';
import type { ScoringRule, ScoringSettings } from '../src/modules/scoring/grid/grid.schemas.ts';
import { foldText, parseEmployeeCount } from '../src/modules/scoring/grid/text-folding.ts';

export interface BenchLead {
  facts: LeadFacts;
  events: EventFact[];
}

/** A small deterministic generator (mulberry32), so every run scores the same leads. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TITLES = [
  'Directeur Commercial',
  'directeur commercial France',
  'Head of Sales',
  'CEO',
  'Développeur',
  'Stagiaire',
  'Responsable Marketing',
  'Comptable',
];
const SIZES = ['1-10', '11-49', '50-199', '200-499', '500+', '1 000', '12 salariés', ''];
const INDUSTRIES = ['SaaS', 'saas', 'Logiciel', 'Industrie', 'Santé', 'Éducation'];
const EVENT_TYPES = [
  'page_viewed',
  'page_viewed',
  'page_viewed',
  'email_opened',
  'email_opened',
  'content_downloaded',
  'form_submitted',
  'demo_requested',
  'bounced',
  'unsubscribed',
];

export function makeBenchLeads(count: number, nowMs: number, seed = 42): BenchLead[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  let eventId = 0;
  return Array.from({ length: count }, (_, index) => {
    const events: EventFact[] = Array.from({ length: Math.floor(random() * 11) }, () => {
      const type = pick(EVENT_TYPES);
      return {
        id: `evt_${String(++eventId).padStart(9, '0')}`,
        type,
        occurredAt: nowMs - Math.floor(random() * 120 * DAY_MS),
        properties: type === 'page_viewed' ? { isPricingPage: random() < 0.3, url: '/x' } : {},
      };
    });
    return {
      facts: {
        jobTitle: pick(TITLES),
        companySize: pick(SIZES),
        companyIndustry: pick(INDUSTRIES),
        companyDomain: null,
        companyName: `Company ${index}`,
        country: 'FR',
        language: 'fr',
        email: `lead${index}@example.com`,
        source: 'bench',
        attributes: {},
      },
      events,
    };
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The default grid as json-rules-engine rules: one rule per grid rule, conditions on facts.
 * Fit: `jobTitleFolded` with a custom `containsAnyOf` operator (personas), `employeeCount` with a
 * custom `inRanges` operator (ICP sizes), `industryFolded` with the built-in `in`.
 * Engagement: a dynamic fact `matchCount` (params: event type, pricing-page filter, window) compared
 * with `greaterThanInclusive` 1 (once) or minCount; each rule's event carries its points, and the
 * decay is the dynamic fact `latestMatchAgeMs` read after the run. Caps and rounding as the grid.
 * Only what the default grid uses is translated (once frequency, minCount, is_true filter).
 */
export function createRulesEngineScorer(
  rules: readonly ScoringRule[],
  settings: ScoringSettings,
  nowMs: number,
) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator(
    'containsAnyOf',
    (text: string | null, keywords: string[]) =>
      text !== null && keywords.some((keyword) => text.includes(keyword)),
  );
  engine.addOperator(
    'inRanges',
    (count: number | null, ranges: { min: number; max: number | null }[]) =>
      count !== null &&
      ranges.some((range) => count >= range.min && (range.max === null || count <= range.max)),
  );
  const leadField =
    (read: (lead: LeadFacts) => string | null) =>
    async (_params: unknown, almanac: { factValue<T>(id: string): Promise<T> }) => {
      const value = read(await almanac.factValue<LeadFacts>('lead'));
      return value ? foldText(value) : null;
    };
  engine.addFact(
    'jobTitleFolded',
    leadField((lead) => lead.jobTitle),
  );
  engine.addFact(
    'industryFolded',
    leadField((lead) => lead.companyIndustry),
  );
  engine.addFact('employeeCount', async (_params, almanac) =>
    parseEmployeeCount((await almanac.factValue<LeadFacts>('lead')).companySize),
  );
  const matching = async (
    params: Record<string, unknown>,
    almanac: { factValue<T>(id: string): Promise<T> },
  ) => {
    const events = await almanac.factValue<EventFact[]>('events');
    const since = typeof params.withinDays === 'number' ? nowMs - params.withinDays * DAY_MS : -Infinity;
    return events.filter(
      (event) =>
        event.type === params.eventType &&
        event.occurredAt <= nowMs &&
        event.occurredAt >= since &&
        (!params.pricingOnly ||
          event.properties.isPricingPage === true ||
          event.properties.isPricingPage === 'true'),
    );
  };
  engine.addFact('matchCount', async (params, almanac) => (await matching(params, almanac)).length);
  engine.addFact(
    'latestMatchAgeMs',
    async (params, almanac) =>
      nowMs - Math.max(...(await matching(params, almanac)).map((event) => event.occurredAt)),
  );

  const icp = settings.icp;
  for (const rule of rules.filter((item) => item.isEnabled)) {
    const event = {
      type: rule.group,
      params: { ruleId: rule.id, points: rule.points, decays: rule.group === 'engagement' && rule.decays },
    };
    if (rule.group === 'fit') {
      const condition =
        rule.condition.op === 'icp_persona'
          ? { fact: 'jobTitleFolded', operator: 'containsAnyOf', value: icp.personas.map(foldText) }
          : rule.condition.op === 'icp_company_size'
            ? { fact: 'employeeCount', operator: 'inRanges', value: icp.companySizes }
            : rule.condition.op === 'icp_industry'
              ? { fact: 'industryFolded', operator: 'in', value: icp.industries.map(foldText) }
              : null;
      if (!condition) throw new Error(`bench translation lacks fit operator ${rule.condition.op}`);
      engine.addRule({ name: rule.id, conditions: { all: [condition] }, event });
      continue;
    }
    if (
      rule.frequency.mode !== 'once' ||
      rule.condition.filters.some((filter) => filter.op !== 'is_true' || filter.property !== 'isPricingPage')
    ) {
      throw new Error(`bench translation lacks the shape of rule ${rule.id}`);
    }
    const params = {
      eventType: rule.condition.eventType,
      pricingOnly: rule.condition.filters.length > 0,
      withinDays: rule.condition.withinDays,
    };
    engine.addRule({
      name: rule.id,
      conditions: {
        all: [
          {
            fact: 'matchCount',
            params,
            operator: 'greaterThanInclusive',
            value: rule.condition.minCount ?? 1,
          },
        ],
      },
      event: { ...event, params: { ...event.params, match: params } },
    });
  }
  const halfLifeMs = settings.halfLifeDays * DAY_MS;

  return async (lead: BenchLead): Promise<number> => {
    const result = await engine.run({ lead: lead.facts, events: lead.events });
    const sums = { fit: { positive: 0, negative: 0 }, engagement: { positive: 0, negative: 0 } };
    for (const fired of result.events) {
      const params = fired.params as { points: number; decays: boolean; match?: Record<string, unknown> };
      let points = params.points;
      if (params.match && params.decays) {
        const ageMs = await result.almanac.factValue<number>('latestMatchAgeMs', params.match);
        points = params.points * 0.5 ** (ageMs / halfLifeMs);
      }
      const decayed = fired.type === 'engagement' ? round2(points) : points;
      const group = sums[fired.type as 'fit' | 'engagement'];
      if (decayed >= 0) group.positive += decayed;
      else group.negative += decayed;
    }
    const capped = (group: { positive: number; negative: number }, cap: number | null) =>
      round2((cap === null ? group.positive : Math.min(group.positive, cap)) + group.negative);
    return round2(capped(sums.fit, settings.fitCap) + capped(sums.engagement, settings.engagementCap));
  };
}
