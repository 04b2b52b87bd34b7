import fc from 'fast-check';
import { DAY_MS } from './grid.engine.ts';
import { FIT_FIELDS } from './grid.schemas.ts';

// Random grids, leads and events for the grid-to-SQL suites, which check that the compiled SQL
// computes what the TypeScript engine computes.

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
export const scenario = fc.record({
  rules: fc.array(rule, { minLength: 1, maxLength: 8, size: 'medium' }),
  settings,
  leads: fc.array(fc.record({ facts: lead, events: fc.array(event, { maxLength: 10, size: 'medium' }) }), {
    minLength: 1,
    maxLength: 6,
    size: 'medium',
  }),
});

export type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
