import { describe, expect, it } from 'vitest';
import { decideVerification } from './whatsapp-verification.ts';

const query = (overrides: Record<string, unknown> = {}) => ({
  'hub.mode': 'subscribe',
  'hub.verify_token': 'meatyhamhock',
  'hub.challenge': '1158201444',
  ...overrides,
});

describe('webhook verification handshake', () => {
  it('echoes the challenge when mode is subscribe and the token matches', () => {
    expect(decideVerification(query(), 'meatyhamhock')).toEqual({
      isAccepted: true,
      status: 200,
      challenge: '1158201444',
    });
  });

  it('accepts any of several configured tokens', () => {
    expect(decideVerification(query(), ['other', 'meatyhamhock']).isAccepted).toBe(true);
  });

  it('answers 403 for another mode, a wrong or missing token, and a missing or odd challenge', () => {
    const refusal = (input: Record<string, unknown>, tokens: string | string[] = 'meatyhamhock') => {
      const decision = decideVerification(input, tokens);
      return decision.isAccepted ? 'accepted' : `${decision.status} ${decision.reason}`;
    };
    expect(refusal(query({ 'hub.mode': 'unsubscribe' }))).toBe('403 MODE_NOT_SUBSCRIBE');
    expect(refusal(query({ 'hub.mode': undefined }))).toBe('403 MODE_NOT_SUBSCRIBE');
    expect(refusal(query({ 'hub.verify_token': 'meatyhamhoc' }))).toBe('403 TOKEN_MISMATCH');
    expect(refusal(query({ 'hub.verify_token': undefined }))).toBe('403 TOKEN_MISMATCH');
    expect(refusal(query(), '')).toBe('403 TOKEN_MISMATCH');
    expect(refusal(query(), [])).toBe('403 TOKEN_MISMATCH');
    expect(refusal(query({ 'hub.challenge': undefined }))).toBe('403 CHALLENGE_INVALID');
    expect(refusal(query({ 'hub.challenge': '<script>alert(1)</script>' }))).toBe('403 CHALLENGE_INVALID');
    expect(refusal(query({ 'hub.challenge': '9'.repeat(300) }))).toBe('403 CHALLENGE_INVALID');
  });

  it('reads the first value when a parameter is repeated', () => {
    const decision = decideVerification(query({ 'hub.challenge': ['42', '43'] }), 'meatyhamhock');
    expect(decision).toEqual({ isAccepted: true, status: 200, challenge: '42' });
  });
});
