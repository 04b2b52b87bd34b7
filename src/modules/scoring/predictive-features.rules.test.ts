import { describe, expect, it } from 'vitest';
import {
  chooseEventTypes,
  classifyEmailDomain,
  groupJobTitle,
  type LeadForPrediction,
  outcomeOf,
  toCsvFeatureRow,
  toFeatureRow,
} from './predictive-features.rules.ts';

const lead = (overrides: Partial<LeadForPrediction> = {}): LeadForPrediction => ({
  id: 'lead_1',
  stage: 'lead',
  jobTitle: 'Directrice Générale',
  language: 'fr',
  country: 'FR',
  email: 'anne@acme.fr',
  companySize: '11-50',
  companyIndustry: 'Retail',
  source: 'salon',
  firstTouch: {
    source: 'salon',
    utm: { source: 'LinkedIn', medium: 'Social' },
    referrer: null,
    at: '2026-01-01T00:00:00Z',
  },
  attributes: { plan: 'Yearly', seats: 12, notes: { nested: true } },
  eventCounts: { page_viewed: 3, stage_changed: 2 },
  hasLostEvent: false,
  ...overrides,
});

describe('workspace model features', () => {
  it('groups job titles by seniority keywords, accents and case folded, first group winning', () => {
    expect(groupJobTitle('Directrice Générale')).toBe('executive');
    expect(groupJobTitle('Directeur commercial')).toBe('director');
    expect(groupJobTitle('Head of Sales')).toBe('director');
    expect(groupJobTitle('Responsable marketing')).toBe('manager');
    expect(groupJobTitle('Étudiant en master')).toBe('student');
    expect(groupJobTitle('Comptable')).toBe('other');
    expect(groupJobTitle('  ')).toBeNull();
    expect(groupJobTitle(null)).toBeNull();
  });

  it('tells free mailbox providers from corporate domains', () => {
    expect(classifyEmailDomain('jo@Gmail.com')).toBe('free');
    expect(classifyEmailDomain('jo@acme.fr')).toBe('corporate');
    expect(classifyEmailDomain(null)).toBeNull();
  });

  it('labels customers won, disqualified or lost-event leads lost, and leaves the rest open', () => {
    expect(outcomeOf({ stage: 'customer', hasLostEvent: true })).toBe('won');
    expect(outcomeOf({ stage: 'disqualified', hasLostEvent: false })).toBe('lost');
    expect(outcomeOf({ stage: 'sql', hasLostEvent: true })).toBe('lost');
    expect(outcomeOf({ stage: 'mql', hasLostEvent: false })).toBeNull();
  });

  it('reads arrival fields and the chosen event counts, never the stage', () => {
    const row = toFeatureRow(lead(), ['page_viewed', 'demo_requested']);
    expect(row).toEqual({
      source: 'salon',
      country: 'FR',
      language: 'fr',
      companySize: '11-50',
      companyIndustry: 'Retail',
      jobTitleGroup: 'executive',
      emailDomain: 'corporate',
      utmSource: 'linkedin',
      utmMedium: 'social',
      'events.page_viewed': 3,
      'events.demo_requested': 0,
    });
  });

  it('keeps behaviour event types only, the most frequent first, in a stable order', () => {
    const leads = [
      lead({ eventCounts: { page_viewed: 1, stage_changed: 1, 'x-lost': 1 } }),
      lead({ eventCounts: { page_viewed: 2, email_opened: 1, lead_captured: 1 } }),
    ];
    expect(chooseEventTypes(leads)).toEqual(['email_opened', 'page_viewed']);
  });

  it('reads a CSV model column from the attribute of that name, else the lead field of that name', () => {
    expect(toCsvFeatureRow(lead(), ['plan', 'seats', 'Country', 'company_size', 'notes', 'Budget'])).toEqual({
      plan: 'Yearly',
      seats: 12,
      Country: 'FR',
      company_size: '11-50',
      notes: null,
      Budget: null,
    });
  });
});
