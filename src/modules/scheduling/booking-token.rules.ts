import { createHmac, timingSafeEqual } from 'node:crypto';

export type BookingAction = 'reschedule' | 'cancel';
const BOOKING_ACTIONS: readonly string[] = ['reschedule', 'cancel'] satisfies BookingAction[];

/** Carried, signed, in the reschedule and cancel links of a booking's e-mails. */
export interface BookingTokenPayload {
  workspaceId: string;
  bookingId: string;
  action: BookingAction;
}

/** Carried, signed, in a rep's private calendar feed URL. */
export interface FeedTokenPayload {
  workspaceId: string;
  userId: string;
}

// Each kind of token signs under its own label, so no token (nor a secret shared with another signer,
// such as unsubscribe links) can pass for another kind.
const BOOKING_PURPOSE = 'chaud.booking-link.v1.';
const FEED_PURPOSE = 'chaud.calendar-feed.v1.';
// A SHA-256 digest (32 bytes) in unpadded base64url.
const SIGNATURE_LENGTH = 43;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// Far above a real token; refusing longer input bounds the work a caller can cause.
const MAX_TOKEN_LENGTH = 2048;

type Fields = Record<string, string>;

function digest(purpose: string, encoded: string, secret: string): string {
  return createHmac('sha256', secret).update(purpose).update(encoded).digest('base64url');
}

const isFilled = (value: unknown): value is string => typeof value === 'string' && value !== '';

function sign(purpose: string, fields: Fields, secret: string): string {
  if (secret === '') throw new RangeError('token secret must not be empty');
  for (const [name, value] of Object.entries(fields)) {
    if (!isFilled(value)) throw new RangeError(`token field ${name} must not be empty`);
  }
  const encoded = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${encoded}.${digest(purpose, encoded, secret)}`;
}

/** The signed fields, or null: tampered, truncated, another purpose or another secret. */
function verify(purpose: string, token: string, secret: string, names: readonly string[]): Fields | null {
  if (typeof token !== 'string' || secret === '' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [encoded, signature] = parts as [string, string];
  if (!BASE64URL.test(encoded) || signature.length !== SIGNATURE_LENGTH || !BASE64URL.test(signature))
    return null;
  // Compared as text: base64url decoding ignores the last character's spare bits, so several texts share a digest.
  if (!timingSafeEqual(Buffer.from(digest(purpose, encoded, secret)), Buffer.from(signature))) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return null;
  const record = decoded as Record<string, unknown>;
  if (Object.keys(record).length !== names.length) return null;
  const fields: Fields = {};
  for (const name of names) {
    const value = record[name];
    if (!isFilled(value)) return null;
    fields[name] = value;
  }
  return fields;
}

/** `<base64url JSON>.<base64url HMAC-SHA256>`, URL-safe. No expiry: the booking's state decides what is allowed. */
export function signBookingToken(payload: BookingTokenPayload, secret: string): string {
  if (!BOOKING_ACTIONS.includes(payload.action))
    throw new RangeError(`unknown booking action ${payload.action}`);
  return sign(BOOKING_PURPOSE, { w: payload.workspaceId, b: payload.bookingId, a: payload.action }, secret);
}

export function verifyBookingToken(token: string, secret: string): BookingTokenPayload | null {
  const fields = verify(BOOKING_PURPOSE, token, secret, ['w', 'b', 'a']);
  if (!fields || !BOOKING_ACTIONS.includes(fields.a ?? '')) return null;
  return { workspaceId: fields.w ?? '', bookingId: fields.b ?? '', action: fields.a as BookingAction };
}

/** The token of a rep's private ICS feed URL; same format as booking tokens, never interchangeable. */
export function signFeedToken(payload: FeedTokenPayload, secret: string): string {
  return sign(FEED_PURPOSE, { w: payload.workspaceId, u: payload.userId }, secret);
}

export function verifyFeedToken(token: string, secret: string): FeedTokenPayload | null {
  const fields = verify(FEED_PURPOSE, token, secret, ['w', 'u']);
  return fields ? { workspaceId: fields.w ?? '', userId: fields.u ?? '' } : null;
}

/**
 * Carried, signed, in the booking page link a routing form or a team page sends a captured lead to:
 * the page books for that lead with that rep, without asking their details again.
 */
export interface LeadBookingTokenPayload {
  workspaceId: string;
  leadId: string;
  userId: string;
  /** Unlike booking links, this one is handed out in a redirect and must not live forever. */
  expiresAt: Date;
}

const LEAD_BOOKING_PURPOSE = 'chaud.lead-booking.v1.';

export function signLeadBookingToken(payload: LeadBookingTokenPayload, secret: string): string {
  const expires = payload.expiresAt.getTime();
  if (!Number.isSafeInteger(expires)) throw new RangeError('lead booking token needs a valid expiry');
  return sign(
    LEAD_BOOKING_PURPOSE,
    { w: payload.workspaceId, l: payload.leadId, u: payload.userId, e: String(expires) },
    secret,
  );
}

/** The payload, or null: tampered, another purpose or secret, or expired at `now`. */
export function verifyLeadBookingToken(
  token: string,
  secret: string,
  now: Date,
): LeadBookingTokenPayload | null {
  const fields = verify(LEAD_BOOKING_PURPOSE, token, secret, ['w', 'l', 'u', 'e']);
  const expires = Number(fields?.e);
  if (!fields || !/^\d+$/.test(fields.e ?? '') || expires <= now.getTime()) return null;
  return {
    workspaceId: fields.w ?? '',
    leadId: fields.l ?? '',
    userId: fields.u ?? '',
    expiresAt: new Date(expires),
  };
}
