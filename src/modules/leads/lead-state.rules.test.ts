import { describe, expect, it } from 'vitest';
import { isPricingUrl, isPublicEventType } from './event-types.rules.ts';
import { normalizeEmail, normalizePhone } from './identity.rules.ts';
import { replayLeadState } from './lead-state.rules.ts';

const at = (iso: string) => new Date(iso);

describe('lead state replay', () => {
  it('keeps the first touch, moves the last touch and never lets a merge overwrite known fields', () => {
    const state = replayLeadState([
      {
        type: 'lead_captured',
        occurredAt: at('2026-01-01'),
        properties: {
          fields: { email: 'a@x.fr', firstName: 'Ana' },
          touch: { source: 'ads', utm: {}, referrer: null, at: '2026-01-01T00:00:00.000Z' },
        },
      },
      {
        type: 'form_submitted',
        occurredAt: at('2026-01-02'),
        properties: {
          fields: { email: 'b@x.fr', jobTitle: 'CEO' },
          touch: { source: 'webinar', utm: {}, referrer: null, at: '2026-01-02T00:00:00.000Z' },
        },
      },
      {
        type: 'lead_merged',
        occurredAt: at('2026-01-03'),
        properties: {
          fields: { firstName: 'Other', lastName: 'Lopez' },
          firstTouch: { source: 'old', utm: {}, referrer: null, at: '2025-12-01T00:00:00.000Z' },
        },
      },
      { type: 'stage_changed', occurredAt: at('2026-01-04'), properties: { from: 'lead', to: 'mql' } },
      { type: 'page_viewed', occurredAt: at('2026-01-05'), properties: { url: '/x' } },
    ]);
    expect(state.email).toBe('a@x.fr');
    expect(state.firstName).toBe('Ana');
    expect(state.lastName).toBe('Lopez');
    expect(state.jobTitle).toBe('CEO');
    expect(state.source).toBe('ads');
    expect(state.firstTouch?.source).toBe('old');
    expect(state.lastTouch?.source).toBe('webinar');
    expect(state.stage).toBe('mql');
  });
});

describe('identities', () => {
  it('normalises emails and phones', () => {
    expect(normalizeEmail('  Jean.Dupont@Acme.FR ')).toBe('jean.dupont@acme.fr');
    expect(normalizePhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normalizePhone('+44 20 7946 0958', 'FR')).toBe('+442079460958');
    expect(() => normalizeEmail('jean@')).toThrow(/not a valid email/);
    expect(() => normalizePhone('123', 'FR')).toThrow(/not a valid phone/);
  });
});

describe('event types', () => {
  it('accepts the documented and x- custom types only', () => {
    expect(isPublicEventType('demo_requested')).toBe(true);
    expect(isPublicEventType('x-trial_started')).toBe(true);
    expect(isPublicEventType('lead_captured')).toBe(false);
    expect(isPublicEventType('X-Bad Type')).toBe(false);
  });
  it('flags pricing pages by URL path', () => {
    expect(isPricingUrl('https://acme.fr/tarifs')).toBe(true);
    expect(isPricingUrl('https://acme.fr/en/pricing/')).toBe(true);
    expect(isPricingUrl('https://acme.fr/blog/how-we-price')).toBe(false);
    expect(isPricingUrl('/produits/*/prix', ['/produits/*/prix'])).toBe(true);
  });
});
