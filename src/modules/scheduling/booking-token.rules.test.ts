import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signBookingToken,
  signFeedToken,
  signLeadBookingToken,
  verifyBookingToken,
  verifyFeedToken,
  verifyLeadBookingToken,
} from './booking-token.rules.ts';

const secret = 'test-secret-0123456789';
const cancel = { workspaceId: 'ws_01', bookingId: 'bkg_é/42', action: 'cancel' as const };
const feed = { workspaceId: 'ws_01', userId: 'usr_07' };

function changeEachCharacter(token: string): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const changed: string[] = [];
  for (let index = 0; index < token.length; index++) {
    if (token[index] === '.') continue;
    const replacement = alphabet[(alphabet.indexOf(token[index]!) + 1) % alphabet.length];
    changed.push(`${token.slice(0, index)}${replacement}${token.slice(index + 1)}`);
  }
  return changed;
}

describe('booking tokens', () => {
  it('round-trip each action through a URL-safe token', () => {
    const token = signBookingToken(cancel, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyBookingToken(token, secret)).toEqual(cancel);
    const reschedule = { ...cancel, action: 'reschedule' as const };
    expect(verifyBookingToken(signBookingToken(reschedule, secret), secret)).toEqual(reschedule);
    expect(signBookingToken(reschedule, secret)).not.toBe(token);
  });

  it('refuse every single-character change, another secret and a swapped payload', () => {
    const token = signBookingToken(cancel, secret);
    for (const tampered of changeEachCharacter(token))
      expect(verifyBookingToken(tampered, secret), tampered).toBeNull();
    expect(verifyBookingToken(signBookingToken(cancel, 'other-secret'), secret)).toBeNull();
    const [, signature] = token.split('.');
    const [otherPayload] = signBookingToken({ ...cancel, action: 'reschedule' }, secret).split('.');
    expect(verifyBookingToken(`${otherPayload}.${signature}`, secret)).toBeNull();
  });

  it('refuse garbage without throwing', () => {
    for (const garbage of ['', '.', 'a.b', 'a.b.c', `${'a'.repeat(3000)}.${'b'.repeat(43)}`, 'é.é']) {
      expect(verifyBookingToken(garbage, secret)).toBeNull();
    }
    expect(verifyBookingToken(signBookingToken(cancel, secret), '')).toBeNull();
    expect(() => signBookingToken(cancel, '')).toThrow(RangeError);
    expect(() => signBookingToken({ ...cancel, bookingId: '' }, secret)).toThrow(RangeError);
  });

  it('refuse a correctly signed payload of the wrong shape (unknown action, extra field)', () => {
    const forge = (payload: object) => {
      const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
      const signature = createHmac('sha256', secret)
        .update('chaud.booking-link.v1.')
        .update(encoded)
        .digest('base64url');
      return `${encoded}.${signature}`;
    };
    expect(verifyBookingToken(forge({ w: 'ws_01', b: 'bkg_1', a: 'cancel' }), secret)).toEqual({
      workspaceId: 'ws_01',
      bookingId: 'bkg_1',
      action: 'cancel',
    });
    expect(verifyBookingToken(forge({ w: 'ws_01', b: 'bkg_1', a: 'delete' }), secret)).toBeNull();
    expect(verifyBookingToken(forge({ w: 'ws_01', b: 'bkg_1', a: 'cancel', x: '1' }), secret)).toBeNull();
    expect(verifyBookingToken(forge({ w: 'ws_01', b: 7, a: 'cancel' }), secret)).toBeNull();
  });
});

describe('feed tokens', () => {
  it('round-trip and refuse tampering', () => {
    const token = signFeedToken(feed, secret);
    expect(verifyFeedToken(token, secret)).toEqual(feed);
    for (const tampered of changeEachCharacter(token)) expect(verifyFeedToken(tampered, secret)).toBeNull();
  });

  it('can never stand for a booking token, nor the reverse, even with the same fields and secret', () => {
    expect(verifyBookingToken(signFeedToken(feed, secret), secret)).toBeNull();
    expect(verifyFeedToken(signBookingToken(cancel, secret), secret)).toBeNull();
    // Same payload bytes signed under the other label: the signature differs.
    const [encoded] = signFeedToken(feed, secret).split('.');
    const bookingStyle = createHmac('sha256', secret)
      .update('chaud.booking-link.v1.')
      .update(encoded!)
      .digest('base64url');
    expect(signFeedToken(feed, secret)).not.toBe(`${encoded}.${bookingStyle}`);
    expect(verifyFeedToken(`${encoded}.${bookingStyle}`, secret)).toBeNull();
  });
});

describe('lead booking tokens', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const lead = {
    workspaceId: 'ws_01',
    leadId: 'lead_42',
    userId: 'usr_07',
    expiresAt: new Date('2026-12-02T10:00:00Z'),
  };

  it('round-trip until they expire, then are refused', () => {
    const token = signLeadBookingToken(lead, secret);
    expect(verifyLeadBookingToken(token, secret, now)).toEqual(lead);
    expect(verifyLeadBookingToken(token, secret, new Date('2026-12-02T09:59:59.999Z'))).toEqual(lead);
    expect(verifyLeadBookingToken(token, secret, lead.expiresAt)).toBeNull();
    expect(verifyLeadBookingToken(token, 'another-secret', now)).toBeNull();
    for (const tampered of changeEachCharacter(token))
      expect(verifyLeadBookingToken(tampered, secret, now)).toBeNull();
  });

  it('never stand for a feed or booking token, nor the reverse', () => {
    const token = signLeadBookingToken(lead, secret);
    expect(verifyFeedToken(token, secret)).toBeNull();
    expect(verifyBookingToken(token, secret)).toBeNull();
    expect(verifyLeadBookingToken(signFeedToken(feed, secret), secret, now)).toBeNull();
    expect(verifyLeadBookingToken(signBookingToken(cancel, secret), secret, now)).toBeNull();
  });

  it('refuse an expiry that is no date', () => {
    expect(() => signLeadBookingToken({ ...lead, expiresAt: new Date(Number.NaN) }, secret)).toThrow(
      RangeError,
    );
  });
});
