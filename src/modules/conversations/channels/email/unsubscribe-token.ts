import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who unsubscribes from what: carried, signed, in the List-Unsubscribe URL of every email. */
export interface UnsubscribePayload {
  workspaceId: string;
  leadId: string;
  /** The channel the lead stops receiving messages on (e.g. 'email'). */
  channel: string;
}

// The HMAC input starts with a purpose label so that a secret shared with another signer cannot be used
// to forge these tokens, nor these tokens to forge theirs.
const PURPOSE = 'chaud.unsubscribe.v1.';
// A SHA-256 digest (32 bytes) in unpadded base64url.
const SIGNATURE_LENGTH = 43;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// Far above a real token (ids are UUID-sized); refusing longer input bounds the work an attacker can cause.
const MAX_TOKEN_LENGTH = 2048;

function sign(encodedPayload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE).update(encodedPayload).digest();
}

function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * `<base64url JSON payload>.<base64url HMAC-SHA256>`: URL-safe, no expiry (RFC 8058 links must keep
 * working long after the email was sent). Throws on an empty secret or an empty field.
 */
export function signUnsubscribeToken(payload: UnsubscribePayload, secret: string): string {
  if (secret === '') throw new RangeError('unsubscribe secret must not be empty');
  const { workspaceId, leadId, channel } = payload;
  if (!isFilled(workspaceId) || !isFilled(leadId) || !isFilled(channel)) {
    throw new RangeError('unsubscribe payload needs workspaceId, leadId and channel');
  }
  const encoded = Buffer.from(JSON.stringify({ w: workspaceId, l: leadId, c: channel })).toString(
    'base64url',
  );
  return `${encoded}.${sign(encoded, secret).toString('base64url')}`;
}

/** The signed payload, or null for anything else: tampered, truncated, garbled or signed with another secret. */
export function verifyUnsubscribeToken(token: string, secret: string): UnsubscribePayload | null {
  if (typeof token !== 'string' || secret === '' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [encoded, signature] = parts as [string, string];
  if (!BASE64URL.test(encoded) || !BASE64URL.test(signature)) return null;
  // Compared as text, not decoded bytes: base64url decoding ignores the spare bits of the last character, so
  // several strings decode to one digest. timingSafeEqual throws on different lengths, a public value anyway.
  if (signature.length !== SIGNATURE_LENGTH) return null;
  const expected = Buffer.from(sign(encoded, secret).toString('base64url'));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof decoded !== 'object' || decoded === null) return null;
  const { w, l, c } = decoded as Record<string, unknown>;
  if (!isFilled(w) || !isFilled(l) || !isFilled(c)) return null;
  return { workspaceId: w, leadId: l, channel: c };
}
