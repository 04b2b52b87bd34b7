import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { createWorkspace } from '../../access/index.ts';
import { events, leads } from '../../leads/index.ts';
import { rowsOf } from '../workspace-rescore.service.ts';
import { compileGrid, DAY_MS, type EventFact, type LeadFacts } from './grid.engine.ts';
import {
  FIT_FIELDS,
  type ScoringRule,
  type ScoringSettings,
  ZScoringRule,
  ZScoringSettings,
} from './grid.schemas.ts';
import { compileGridSql } from './grid.sql.ts';
import { decideTemperature } from './temperature.rules.ts';

// Property: for random grids, leads and events, the compiled SQL computes what the TypeScript
// engine computes (scores within 0.01, the same contributions in the same order, the same band).

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const EVENT_TYPES = ['page_viewed', 'email_opened', 'demo_requested', 'bounced'];
// Accents in both cases, the non-breaking and other JS white space, digits and separators.
const WORDS = [
  'Directeur Général',
  ' directeur general ',
  'CEO',
  'ceo',
  'Head of Sales',
  'SaaS',
  'saas',
  'LOGICIEL',
  'Logíciel',
  'Œuvre',
  'cœur',
  'FR',
  'fr ',
  'de',
  'ÉLÈVE',
  'Ça',
  '\u00a0Ça\u2003',
  '50%',
  'a_b',
];
const text = fc.oneof(fc.constantFrom(...WORDS), fc.stringMatching(/^[aAeEéÉèçÇ ßœ\u00a0_%.-]{0,6}$/));
const nonBlank = text.filter((item) => item.trim() !== '');
const nullableText = fc.option(fc.oneof(text, fc.constant('')), { nil: null });
const companySize = fc.option(
  fc.oneof(
    fc.constantFrom(
      '50-199',
      '200+',
      '1 000',
      '1.000',
      '12 salariés',
      '0',
      'abc',
      '',
      '10\u00a0000',
      '007',
      ' 499 ',
    ),
    fc.integer({ min: 0, max: 3000 }).map(String),
  ),
  { nil: null },
);
const email = fc.option(
  fc.constantFrom(
    'x@gmail.com',
    'y@GMAIL.COM',
    'z@acme.fr',
    'noat',
    '',
    'a@b@gmail.com',
    'c@Orange.fr',
    'd@',
  ),
  { nil: null },
);
const attributeValue = fc.option(
  fc.oneof(text, fc.integer({ min: -5, max: 500 }), fc.boolean(), fc.constant('')),
  { nil: null },
);
const lead = fc.record({
  jobTitle: nullableText,
  companySize,
  companyIndustry: nullableText,
  companyDomain: nullableText,
  companyName: nullableText,
  country: fc.option(fc.constantFrom('FR', 'fr', 'DE', ' be', ''), { nil: null }),
  language: nullableText,
  email,
  source: nullableText,
  attributes: fc.dictionary(fc.constantFrom('plan', 'tier'), attributeValue, {
    maxKeys: 2,
    noNullPrototype: true,
  }),
});
const propertyValue = fc.oneof(
  fc.constantFrom(true, false, 'true', 'TRUE', '/pricing', '/Pricing ', 'é'),
  text,
  fc.integer({ min: 0, max: 9 }),
);
const event = fc.record({
  type: fc.constantFrom(...EVENT_TYPES),
  // Offsets from a small set make ties frequent; some events lie in the future.
  ageMs: fc.oneof(
    fc.integer({ min: -3 * DAY_MS, max: 120 * DAY_MS }),
    fc.constantFrom(0, DAY_MS, 7 * DAY_MS, 7 * DAY_MS + 1, 30 * DAY_MS),
  ),
  properties: fc.dictionary(fc.constantFrom('isPricingPage', 'url', 'plan'), propertyValue, {
    maxKeys: 3,
    noNullPrototype: true,
  }),
});
const field = fc.constantFrom(...FIT_FIELDS, 'attributes.plan', 'attributes.tier');
const values = fc
  .array(text, { minLength: 1, maxLength: 4 })
  .map((items) => items.map((item) => (item.trim() === '' ? `${item}x` : item)));
const fitCondition = fc.oneof(
  fc.record({ op: fc.constant('equals'), field, value: values.map((items) => items[0]!) }),
  fc.record({ op: fc.constantFrom('in', 'not_in', 'contains_any'), field, values }),
  fc.record({ op: fc.constantFrom('exists', 'missing'), field }),
  fc.record({
    op: fc.constant('employees_between'),
    min: fc.integer({ min: 0, max: 600 }),
    max: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
  }),
  fc.record({
    op: fc.constantFrom(
      'free_email_domain',
      'icp_persona',
      'icp_company_size',
      'icp_industry',
      'icp_country',
    ),
  }),
);
const filter = fc.record(
  {
    property: fc.constantFrom('isPricingPage', 'url', 'plan'),
    op: fc.constantFrom('equals', 'contains', 'exists', 'is_true'),
    value: fc.oneof(text, fc.constantFrom('true', '/pricing', '', 'é')),
  },
  { requiredKeys: ['property', 'op'] },
);
const days = fc.oneof(fc.constantFrom(1, 7, 30), fc.double({ min: 0.01, max: 60, noNaN: true }));
const frequency = fc.oneof(
  fc.constant({ mode: 'once' }),
  fc.record({ mode: fc.constant('per_occurrence'), max: fc.integer({ min: 1, max: 4 }) }),
  fc.record(
    { mode: fc.constant('once_per_period'), periodDays: days, max: fc.integer({ min: 1, max: 3 }) },
    { requiredKeys: ['mode', 'periodDays'] },
  ),
);
const isEnabled = fc.oneof(
  { arbitrary: fc.constant(true), weight: 5 },
  { arbitrary: fc.constant(false), weight: 1 },
);
const points = fc.integer({ min: -60, max: 60 }).filter((value) => value !== 0);
const rule = fc.oneof(
  fc.record({ group: fc.constant('fit'), points, isEnabled, condition: fitCondition }),
  fc.record({
    group: fc.constant('engagement'),
    points,
    isEnabled,
    decays: fc.boolean(),
    frequency,
    condition: fc
      .record({
        eventType: fc.constantFrom(...EVENT_TYPES),
        filters: fc.array(filter, { maxLength: 1 }),
        withinDays: fc.option(days, { nil: undefined }),
        minCount: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
      })
      .map((condition) =>
        condition.minCount !== undefined && condition.withinDays === undefined
          ? { ...condition, withinDays: 45 }
          : condition,
      ),
  }),
);
const settings = fc.record({
  halfLifeDays: days,
  fitCap: fc.option(fc.integer({ min: 1, max: 80 }), { nil: null }),
  engagementCap: fc.option(
    fc.oneof(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0.5, max: 80, noNaN: true })),
    { nil: null },
  ),
  hotSignalEvents: fc.subarray(['demo_requested', 'bounced']),
  hotSignalDays: days,
  icp: fc.record({
    personas: fc.array(nonBlank, { maxLength: 3 }),
    companySizes: fc.array(
      fc.record({
        min: fc.integer({ min: 0, max: 300 }),
        max: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
      }),
      { maxLength: 2 },
    ),
    industries: fc.array(nonBlank, { maxLength: 3 }),
    countries: fc.subarray(['FR', 'DE', 'BE']),
  }),
});
const scenario = fc.record({
  rules: fc.array(rule, { minLength: 1, maxLength: 8, size: 'medium' }),
  settings,
  leads: fc.array(fc.record({ facts: lead, events: fc.array(event, { maxLength: 10, size: 'medium' }) }), {
    minLength: 1,
    maxLength: 6,
    size: 'medium',
  }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
type SqlRow = {
  lead_id: string;
  fit: number;
  engagement: number;
  total: number;
  temperature: string;
  contributions: Record<string, unknown>[];
};

let test: TestContext;
let runs = 0;
// What the random cases exercised, so a generator that stopped producing matches cannot pass unnoticed.
const seen = { contributions: 0, engagement: 0, periods: 0 };
beforeAll(async () => {
  test = await createTestContext();
});
afterAll(() => test.close());

async function checkScenario(input: Scenario): Promise<void> {
  runs += 1;
  const rules: ScoringRule[] = input.rules.map((item, index) =>
    ZScoringRule.parse({ ...item, id: `r${index}`, name: `Rule ${index}` }),
  );
  const parsedSettings: ScoringSettings = ZScoringSettings.parse(input.settings);
  const workspaceId = await createWorkspace(test.ctx.db, `property ${runs}`);
  const factsById = new Map<string, { facts: LeadFacts; events: EventFact[] }>();
  input.leads.forEach((item, index) => {
    const leadEvents = item.events.map((generated, eventIndex) => ({
      // Ids that do not follow time order, so ties are broken by id as the engine does.
      id: `evt_${runs}_${(eventIndex * 7) % 10}${eventIndex}_${index}`,
      type: generated.type,
      occurredAt: NOW - generated.ageMs,
      properties: generated.properties,
    }));
    factsById.set(`lead_${runs}_${index}`, { facts: item.facts, events: leadEvents });
  });
  await test.ctx.db
    .insert(leads)
    .values([...factsById].map(([id, { facts }]) => ({ id, workspaceId, ...facts })));
  const eventRows = [...factsById].flatMap(([leadId, item]) =>
    item.events.map((fact) => ({
      id: fact.id,
      workspaceId,
      leadId,
      type: fact.type,
      occurredAt: new Date(fact.occurredAt),
      source: 'test',
      properties: fact.properties,
    })),
  );
  if (eventRows.length > 0) await test.ctx.db.insert(events).values(eventRows);

  const query = compileGridSql(
    rules,
    parsedSettings,
    { workspaceId, nowMs: NOW },
    { withContributions: true, withTemperature: true },
  );
  const rows = rowsOf<SqlRow>(await test.ctx.db.execute(query));
  expect(rows).toHaveLength(factsById.size);
  const engine = compileGrid(rules, parsedSettings);
  for (const row of rows) {
    const item = factsById.get(row.lead_id)!;
    const expected = engine.score(item.facts, item.events, NOW);
    seen.contributions += expected.contributions.length;
    if (expected.engagement !== 0) seen.engagement += 1;
    if (
      expected.contributions.some((contribution) =>
        rules.find(
          (candidate) =>
            candidate.id === contribution.ruleId &&
            candidate.group === 'engagement' &&
            candidate.frequency.mode === 'once_per_period',
        ),
      )
    )
      seen.periods += 1;
    expect(Math.abs(row.fit - expected.fit), 'fit').toBeLessThanOrEqual(0.01);
    expect(Math.abs(row.engagement - expected.engagement), 'engagement').toBeLessThanOrEqual(0.01);
    expect(Math.abs(row.total - expected.total), 'total').toBeLessThanOrEqual(0.01);
    expect(row.contributions.map(({ decayedPoints, ...rest }) => rest)).toEqual(
      expected.contributions.map(({ decayedPoints, ...rest }) => rest),
    );
    row.contributions.forEach((contribution, index) => {
      expect(
        Math.abs((contribution.decayedPoints as number) - expected.contributions[index]!.decayedPoints),
      ).toBeLessThanOrEqual(0.01);
    });
    const noSignals = { hasConfirmedBudget: false, timelineMonths: null };
    expect(row.temperature).toBe(
      decideTemperature(expected.total, parsedSettings, item.events, noSignals, NOW).temperature,
    );
  }
}

describe('the grid compiled to SQL', () => {
  it('scores random grids, leads and events exactly like the TypeScript engine', async () => {
    await fc.assert(fc.asyncProperty(scenario, checkScenario), { numRuns: 150 });
    expect(seen.contributions).toBeGreaterThan(150);
    expect(seen.engagement).toBeGreaterThan(25);
    expect(seen.periods).toBeGreaterThan(4);
  });

  it('agrees on the default grid with a full ideal customer profile', async () => {
    const { defaultGridRules } = await import('./default-grid.ts');
    const icpSettings = {
      ...ZScoringSettings.parse({}),
      icp: {
        personas: ['directeur commercial', 'CEO'],
        companySizes: [{ min: 50, max: 500 }],
        industries: ['SaaS'],
        countries: ['FR'],
      },
    };
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        await checkScenario({
          ...input,
          rules: defaultGridRules().map(({ id, name, ...rest }) => rest) as Scenario['rules'],
          settings: icpSettings as Scenario['settings'],
        });
      }),
      { numRuns: 40 },
    );
  });
});
