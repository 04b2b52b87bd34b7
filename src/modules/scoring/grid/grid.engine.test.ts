import { describe, expect, it } from 'vitest';
import { defaultGridRules } from './default-grid.ts';
import { compileGrid, DAY_MS, type EventFact, type LeadFacts } from './grid.engine.ts';
import { type ScoringRule, type ScoringSettings, ZScoringRule, ZScoringSettings } from './grid.schemas.ts';
import { decideTemperature } from './temperature.rules.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const settings: ScoringSettings = ZScoringSettings.parse({
  icp: {
    personas: ['directeur commercial', 'head of sales', 'CEO'],
    companySizes: [{ min: 50, max: 500 }],
    industries: ['SaaS', 'Logiciel'],
    countries: ['FR'],
  },
});
const lead = (overrides: Partial<LeadFacts> = {}): LeadFacts => ({
  jobTitle: null,
  companySize: null,
  companyIndustry: null,
  companyDomain: null,
  companyName: null,
  country: null,
  language: null,
  email: 'x@acme.fr',
  source: null,
  attributes: {},
  ...overrides,
});
let sequence = 0;
const event = (type: string, daysAgo: number, properties: Record<string, unknown> = {}): EventFact => ({
  id: `evt_${++sequence}`,
  type,
  occurredAt: NOW - daysAgo * DAY_MS,
  properties,
});

describe('the default grid', () => {
  const grid = compileGrid(defaultGridRules(), settings);

  it('scores fit from the ideal customer profile, accents and case folded', () => {
    const result = grid.score(
      lead({ jobTitle: 'Directeur Commercial France', companySize: '50-199', companyIndustry: 'saas' }),
      [],
      NOW,
    );
    expect(result.fit).toBe(45);
    expect(result.contributions.map((item) => item.ruleId)).toEqual([
      'fit-persona',
      'fit-company-size',
      'fit-industry',
    ]);
  });

  it('decays engagement by half every half-life and counts a once-rule once', () => {
    const result = grid.score(
      lead(),
      [
        event('demo_requested', 0),
        event('page_viewed', 30, { isPricingPage: true }),
        event('page_viewed', 1, { isPricingPage: true }),
      ],
      NOW,
    );
    const pricing = result.contributions.find((item) => item.ruleId === 'eng-pricing-page')!;
    expect(pricing.decayedPoints).toBeCloseTo(25 * 0.5 ** (1 / 30), 2);
    expect(result.contributions.filter((item) => item.ruleId === 'eng-pricing-page')).toHaveLength(1);
    const demo = result.contributions.find((item) => item.ruleId === 'eng-demo-request')!;
    expect(demo.decayedPoints).toBe(40);
    const old = grid.score(lead(), [event('demo_requested', 30)], NOW);
    expect(old.engagement).toBe(20);
  });

  it('needs three email opens within 30 days for the repeated-opens rule', () => {
    expect(grid.score(lead(), [event('email_opened', 1), event('email_opened', 2)], NOW).engagement).toBe(0);
    expect(
      grid.score(lead(), [event('email_opened', 1), event('email_opened', 2), event('email_opened', 40)], NOW)
        .engagement,
    ).toBe(0);
    const fired = grid.score(
      lead(),
      [event('email_opened', 0), event('email_opened', 2), event('email_opened', 3)],
      NOW,
    );
    expect(fired.engagement).toBe(10);
  });

  it('applies penalties in full without decay', () => {
    const result = grid.score(lead(), [event('bounced', 300), event('unsubscribed', 100)], NOW);
    expect(result.engagement).toBe(-80);
    expect(result.total).toBe(-80);
  });

  it('ignores events dated after now', () => {
    expect(grid.score(lead(), [event('demo_requested', -1)], NOW).total).toBe(0);
  });
});

describe('frequencies and caps', () => {
  const rule = (frequency: unknown): ScoringRule =>
    ZScoringRule.parse({
      id: 'r',
      name: 'visit',
      group: 'engagement',
      points: 10,
      decays: false,
      frequency,
      condition: { eventType: 'page_viewed' },
    });

  it('counts per occurrence up to a maximum', () => {
    const grid = compileGrid([rule({ mode: 'per_occurrence', max: 3 })], settings);
    const events = [1, 2, 3, 4, 5].map((day) => event('page_viewed', day));
    expect(grid.score(lead(), events, NOW).engagement).toBe(30);
  });

  it('counts once per period', () => {
    const grid = compileGrid([rule({ mode: 'once_per_period', periodDays: 7 })], settings);
    // Days 0,1 share a week bucket with high probability only if aligned: use bucket-safe dates.
    const weekStart = Math.floor(NOW / (7 * DAY_MS)) * 7 * DAY_MS;
    const events = [
      weekStart + DAY_MS,
      weekStart + 2 * DAY_MS,
      weekStart - DAY_MS,
      weekStart - 8 * DAY_MS,
    ].map((time, index) => ({ id: `p${index}`, type: 'page_viewed', occurredAt: time, properties: {} }));
    expect(grid.score(lead(), events, NOW).engagement).toBe(30);
  });

  it('caps what a group earns but keeps penalties', () => {
    const capped = compileGrid(
      [
        rule({ mode: 'per_occurrence', max: 10 }),
        ...defaultGridRules().filter((item) => item.id === 'neg-unsubscribed'),
      ],
      { ...settings, engagementCap: 25 },
    );
    const events = [...[1, 2, 3, 4].map((day) => event('page_viewed', day)), event('unsubscribed', 1)];
    expect(capped.score(lead(), events, NOW).engagement).toBe(25 - 30);
  });
});

describe('validation', () => {
  it('refuses a count rule without a window and zero points', () => {
    const result = ZScoringRule.safeParse({
      id: 'x',
      name: 'x',
      group: 'engagement',
      points: 0,
      condition: { eventType: 'email_opened', minCount: 3 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['points', 'condition.withinDays']),
    );
  });
});

describe('temperature', () => {
  const none = { hasConfirmedBudget: false, timelineMonths: null };
  it('uses the bands', () => {
    expect(decideTemperature(29.99, settings, [], none, NOW).temperature).toBe('cold');
    expect(decideTemperature(30, settings, [], none, NOW).temperature).toBe('warm');
    expect(decideTemperature(70, settings, [], none, NOW).temperature).toBe('hot');
  });
  it('is hot on a recent demo request or a short timeline with budget, whatever the score', () => {
    expect(decideTemperature(0, settings, [event('quote_requested', 2)], none, NOW)).toEqual({
      temperature: 'hot',
      reason: 'signal:quote_requested',
    });
    expect(decideTemperature(0, settings, [event('demo_requested', 45)], none, NOW).temperature).toBe('cold');
    expect(
      decideTemperature(0, settings, [], { hasConfirmedBudget: true, timelineMonths: 2 }, NOW).temperature,
    ).toBe('hot');
    expect(
      decideTemperature(0, settings, [], { hasConfirmedBudget: false, timelineMonths: 2 }, NOW).temperature,
    ).toBe('cold');
  });
});
