import { describe, expect, it } from 'vitest';
import type { LeadDto } from '../leads/index.ts';
import { emailDomainOf, factAt, regionOf, routingFactsOf } from './routing-facts.rules.ts';

const dto: LeadDto = {
  id: 'lead_1',
  firstName: 'Ana',
  lastName: 'Silva',
  jobTitle: 'CTO',
  language: 'en',
  country: 'BR',
  timezone: null,
  email: 'Ana@Acme.COM.br',
  phone: null,
  whatsappId: null,
  company: { name: 'Acme', domain: 'acme.com.br', size: '51-200', industry: 'Software' },
  source: 'import',
  firstTouch: null,
  lastTouch: { source: null, utm: { campaign: 'q3' }, referrer: null, at: '2025-06-01T00:00:00Z' },
  attributes: {},
  stage: 'lead',
  temperature: 'warm',
  score: 10,
  fitScore: 5,
  engagementScore: 5,
  ownerId: null,
  mergedIntoId: null,
  createdAt: '2025-06-01T00:00:00Z',
  updatedAt: '2025-06-01T00:00:00Z',
};

describe('routingFactsOf', () => {
  it('builds the facts of a lead DTO', () => {
    const facts = routingFactsOf(dto, { budget: '10k' });
    expect(facts).toMatchObject({
      emailDomain: 'acme.com.br',
      country: 'BR',
      region: 'latam',
      // No touch source: the lead's own.
      source: 'import',
      firstTouch: { source: 'import' },
      utm: { source: null, medium: null, campaign: 'q3' },
      company: { size: '51-200' },
      form: { budget: '10k' },
    });
    expect(factAt(facts, 'utm.campaign')).toBe('q3');
    expect(factAt(facts, 'form.budget')).toBe('10k');
    expect(factAt(facts, 'company')).toBeNull();
  });

  it('prefers the last touch source, and the lead without company reads empty company fields', () => {
    const facts = routingFactsOf({ ...dto, company: null, lastTouch: { source: 'webinar', utm: {} } });
    expect(facts.source).toBe('webinar');
    expect(factAt(facts, 'company.name')).toBeNull();
  });
});

describe('regionOf', () => {
  it('uses attributes.region first, else the sales region of the country', () => {
    expect(regionOf('FR', { region: 'benelux' })).toBe('benelux');
    expect(regionOf('fr', {})).toBe('emea');
    expect(regionOf('US', {})).toBe('na');
    expect(regionOf('MX', {})).toBe('latam');
    expect(regionOf('JP', {})).toBe('apac');
    expect(regionOf('RE', {})).toBe('emea');
    expect(regionOf('ZZ', {})).toBeNull();
    expect(regionOf(null, {})).toBeNull();
  });
});

describe('emailDomainOf', () => {
  it('takes the lower-cased part after the last @', () => {
    expect(emailDomainOf('"a@b"@Example.FR')).toBe('example.fr');
    expect(emailDomainOf('no-at-sign')).toBeNull();
    expect(emailDomainOf(null)).toBeNull();
  });
});
