import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidWebhookSignature, signWebhookBody } from './whatsapp-signature.ts';

const secret = 'app-secret-123';
const body = '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}],"name":"Ren\\u00e9e"}';

describe('webhook signature', () => {
  it('signs as sha256=<hex HMAC-SHA256 of the raw body>', () => {
    const expected = createHmac('sha256', secret).update(body).digest('hex');
    expect(signWebhookBody(body, secret)).toBe(`sha256=${expected}`);
    expect(signWebhookBody(Buffer.from(body), secret)).toBe(`sha256=${expected}`);
  });

  it('accepts the signature of the exact bytes, in upper or lower case hex', () => {
    const header = signWebhookBody(body, secret);
    expect(isValidWebhookSignature(Buffer.from(body), header, secret)).toBe(true);
    expect(isValidWebhookSignature(body, `sha256=${header.slice(7).toUpperCase()}`, secret)).toBe(true);
  });

  it('rejects a body that was re-serialised after parsing (escaped unicode becomes raw)', () => {
    const header = signWebhookBody(body, secret);
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(reserialised).not.toBe(body);
    expect(isValidWebhookSignature(reserialised, header, secret)).toBe(false);
  });

  it('rejects another secret, a changed byte, and malformed or missing headers', () => {
    const header = signWebhookBody(body, secret);
    expect(isValidWebhookSignature(body, header, 'other-secret')).toBe(false);
    expect(isValidWebhookSignature(`${body} `, header, secret)).toBe(false);
    expect(isValidWebhookSignature(body, undefined, secret)).toBe(false);
    expect(isValidWebhookSignature(body, '', secret)).toBe(false);
    expect(isValidWebhookSignature(body, header.slice(7), secret)).toBe(false);
    expect(isValidWebhookSignature(body, `sha1=${header.slice(7)}`, secret)).toBe(false);
    expect(isValidWebhookSignature(body, header.slice(0, -2), secret)).toBe(false);
    expect(isValidWebhookSignature(body, `${header}00`, secret)).toBe(false);
    expect(isValidWebhookSignature(body, 'sha256=zz', secret)).toBe(false);
    expect(isValidWebhookSignature(body, header, '')).toBe(false);
  });

  it('accepts any of several secrets while one is being rotated', () => {
    const header = signWebhookBody(body, 'new-secret');
    expect(isValidWebhookSignature(body, header, ['old-secret', 'new-secret'])).toBe(true);
    expect(isValidWebhookSignature(body, header, ['old-secret'])).toBe(false);
    expect(isValidWebhookSignature(body, [header], 'new-secret')).toBe(true);
  });
});
