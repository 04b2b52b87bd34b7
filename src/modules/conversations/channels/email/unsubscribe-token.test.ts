import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.ts';

const secret = 'test-secret-0123456789';
const payload = { workspaceId: 'ws_01', leadId: 'lead_é/42', channel: 'email' };

describe('unsubscribe tokens', () => {
  it('round-trips the payload through a URL-safe token', () => {
    const token = signUnsubscribeToken(payload, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyUnsubscribeToken(token, secret)).toEqual(payload);
  });

  it('is deterministic for a payload and differs for another lead', () => {
    expect(signUnsubscribeToken(payload, secret)).toBe(signUnsubscribeToken(payload, secret));
    expect(signUnsubscribeToken({ ...payload, leadId: 'lead_43' }, secret)).not.toBe(
      signUnsubscribeToken(payload, secret),
    );
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyUnsubscribeToken(signUnsubscribeToken(payload, 'other-secret'), secret)).toBeNull();
  });

  it('refuses a payload swapped in from another token', () => {
    const [, signature] = signUnsubscribeToken(payload, secret).split('.');
    const [otherPayload] = signUnsubscribeToken({ ...payload, leadId: 'victim' }, secret).split('.');
    expect(verifyUnsubscribeToken(`${otherPayload}.${signature}`, secret)).toBeNull();
  });

  it('refuses every single-character change', () => {
    const token = signUnsubscribeToken(payload, secret);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let index = 0; index < token.length; index++) {
      if (token[index] === '.') continue;
      const replacement = alphabet[(alphabet.indexOf(token[index]!) + 1) % alphabet.length];
      const tampered = `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
      expect(verifyUnsubscribeToken(tampered, secret), `changed at ${index}`).toBeNull();
    }
  });

  it.each([
    ['empty', ''],
    ['no dot', 'abc'],
    ['three parts', 'a.b.c'],
    ['non base64url', 'ab+c.def/'],
    ['short signature', 'eyJ3IjoiMSJ9.abc'],
    ['huge', `${'a'.repeat(5000)}.${'b'.repeat(43)}`],
  ])('returns null without throwing for a garbled token (%s)', (_label, token) => {
    expect(verifyUnsubscribeToken(token, secret)).toBeNull();
  });

  it('refuses a correctly signed payload that is not the expected shape', () => {
    // Signs arbitrary JSON the way the module does, as a payload bug on the signing side would produce.
    const signed = (json: string) => {
      const encoded = Buffer.from(json).toString('base64url');
      const digest = createHmac('sha256', secret).update('chaud.unsubscribe.v1.').update(encoded).digest();
      return `${encoded}.${digest.toString('base64url')}`;
    };
    expect(verifyUnsubscribeToken(signed('{"w":"ws","l":"lead","c":"email"}'), secret)).toEqual({
      workspaceId: 'ws',
      leadId: 'lead',
      channel: 'email',
    });
    expect(verifyUnsubscribeToken(signed('{"w":"ws","l":""}'), secret)).toBeNull();
    expect(verifyUnsubscribeToken(signed('{"w":"ws","l":1,"c":"email"}'), secret)).toBeNull();
    expect(verifyUnsubscribeToken(signed('null'), secret)).toBeNull();
    expect(verifyUnsubscribeToken(signed('not json'), secret)).toBeNull();
  });

  it('refuses to sign with an empty secret or an empty field, and never verifies with an empty secret', () => {
    expect(() => signUnsubscribeToken(payload, '')).toThrow(RangeError);
    expect(() => signUnsubscribeToken({ ...payload, leadId: '' }, secret)).toThrow(RangeError);
    expect(verifyUnsubscribeToken(signUnsubscribeToken(payload, secret), '')).toBeNull();
  });
});
