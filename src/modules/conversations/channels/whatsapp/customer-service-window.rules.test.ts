import { describe, expect, it } from 'vitest';
import {
  chooseOutboundForm,
  isWindowOpen,
  type PurposeTemplates,
  windowClosesAt,
} from './customer-service-window.rules.ts';

const lastInbound = new Date('2026-03-02T10:00:00Z');
const hours = (count: number) => new Date(lastInbound.getTime() + count * 3_600_000);
const templates: PurposeTemplates = {
  first_contact: [
    { name: 'premier_contact', languageCode: 'fr' },
    { name: 'first_contact', languageCode: 'en_US' },
  ],
  follow_up: [{ name: 'relance', languageCode: 'fr', status: 'PAUSED' }],
};

describe('customer-service window', () => {
  it('is open for 24 hours after the last inbound message and closed from then on', () => {
    expect(windowClosesAt(lastInbound)).toEqual(new Date('2026-03-03T10:00:00Z'));
    expect(isWindowOpen(lastInbound, hours(23.99))).toBe(true);
    expect(isWindowOpen(lastInbound, hours(24))).toBe(false);
    expect(isWindowOpen(undefined, hours(0))).toBe(false);
    expect(windowClosesAt(undefined)).toBeUndefined();
  });

  it('closes early by the safety margin', () => {
    expect(isWindowOpen(lastInbound, hours(23.95), 5 * 60_000)).toBe(false);
    expect(isWindowOpen(lastInbound, hours(23.9), 5 * 60_000)).toBe(true);
  });
});

describe('chooseOutboundForm', () => {
  it('allows free-form messages inside the window', () => {
    expect(
      chooseOutboundForm({ lastInboundAt: lastInbound, now: hours(2), purpose: 'follow_up', templates }),
    ).toEqual({
      form: 'free_form',
      windowClosesAt: hours(24),
    });
  });

  it('requires the purpose template for a first contact, in the lead language when configured', () => {
    const base = { lastInboundAt: undefined, now: hours(0), purpose: 'first_contact' as const, templates };
    expect(chooseOutboundForm(base)).toEqual({
      form: 'template',
      template: { name: 'premier_contact', languageCode: 'fr' },
      reason: 'NO_INBOUND_MESSAGE',
    });
    expect(chooseOutboundForm({ ...base, preferredLanguage: 'en-GB' })).toMatchObject({
      template: { name: 'first_contact', languageCode: 'en_US' },
    });
    expect(chooseOutboundForm({ ...base, preferredLanguage: 'de' })).toMatchObject({
      template: { name: 'premier_contact' },
    });
  });

  it('requires a template once the window has closed', () => {
    const form = chooseOutboundForm({
      lastInboundAt: lastInbound,
      now: hours(30),
      purpose: 'first_contact',
      templates,
    });
    expect(form).toMatchObject({ form: 'template', reason: 'WINDOW_CLOSED' });
  });

  it('cannot send when the purpose has no template, or only templates that are not approved', () => {
    expect(
      chooseOutboundForm({
        lastInboundAt: lastInbound,
        now: hours(30),
        purpose: 'booking_reminder',
        templates,
      }),
    ).toEqual({ form: 'cannot_send', reason: 'NO_TEMPLATE_FOR_PURPOSE', windowState: 'closed' });
    expect(
      chooseOutboundForm({ lastInboundAt: undefined, now: hours(30), purpose: 'follow_up', templates }),
    ).toEqual({
      form: 'cannot_send',
      reason: 'TEMPLATE_NOT_APPROVED',
      windowState: 'never_opened',
    });
  });
});
