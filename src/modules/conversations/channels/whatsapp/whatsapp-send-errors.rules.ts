import type { WhatsAppSendErrorFields, WhatsAppSendErrorKind } from './whatsapp.errors.ts';

/** The Graph API error envelope `{ error: { message, type, code, error_subcode, error_data, fbtrace_id } }`. */
export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { details?: string; messaging_product?: string };
  fbtrace_id?: string;
  is_transient?: boolean;
}

interface CodeRule {
  kind: WhatsAppSendErrorKind;
  permanent: boolean;
  meaning: string;
}

const rule = (kind: WhatsAppSendErrorKind, permanent: boolean, meaning: string): CodeRule => ({
  kind,
  permanent,
  meaning,
});

/**
 * Meta's error codes for the Cloud API and the Graph API under it, by code, as documented in
 * "WhatsApp Cloud API > Support > Error codes" (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes)
 * and the Graph API error-handling page. Meta asks to branch on `code` (+ `error_data.details`), never on titles.
 * `permanent` means retrying the same request cannot help; rate limits and outages are not permanent.
 */
export const WHATSAPP_ERROR_CODES: ReadonlyMap<number, CodeRule> = new Map([
  // Authorization (Graph API)
  [0, rule('auth', true, 'AuthException: unable to authenticate the app user')],
  [3, rule('auth', true, 'API method: capability or permission issue')],
  [10, rule('auth', true, 'Permission denied (not granted or revoked)')],
  [104, rule('auth', true, 'An access token is required')],
  [190, rule('auth', true, 'Access token expired or invalid')],
  [131005, rule('auth', true, 'Access denied: permission not granted or removed')],
  // Throttling
  [4, rule('rate_limited', false, 'Too many calls: app-level API rate limit')],
  [17, rule('rate_limited', false, 'User request limit reached')],
  [80007, rule('rate_limited', false, 'WhatsApp Business Account rate limit reached')],
  [130429, rule('rate_limited', false, 'Cloud API throughput limit of the phone number reached')],
  [131048, rule('rate_limited', false, 'Spam rate limit: number restricted after blocks or spam reports')],
  [
    131056,
    rule('pair_rate_limited', false, '(Business, consumer) pair rate limit: too many messages to one user'),
  ],
  // Integrity and account state
  [368, rule('permanent', true, 'Temporarily blocked for policy violations')],
  [130497, rule('permanent', true, 'Business account restricted from messaging users in this country')],
  [131031, rule('permanent', true, 'Business account locked (policy or verification)')],
  [131037, rule('permanent', true, 'Display name of the number needs approval')],
  [131042, rule('permanent', true, 'Business eligibility: payment issue')],
  [131045, rule('permanent', true, 'Incorrect certificate: phone number not registered properly')],
  [133010, rule('permanent', true, 'Phone number not registered on the Cloud API')],
  // Recipient
  [131021, rule('invalid_recipient', true, 'Recipient cannot be the sender')],
  [131030, rule('invalid_recipient', true, 'Recipient not in the allowed list (test numbers)')],
  [
    131026,
    rule('undeliverable', true, 'Message undeliverable: not on WhatsApp, old client, or terms not accepted'),
  ],
  [
    131049,
    rule('undeliverable', true, 'Meta chose not to deliver (per-user marketing limit, ecosystem health)'),
  ],
  [131050, rule('undeliverable', true, 'The user stopped marketing messages from this business')],
  [130472, rule('undeliverable', true, "User's number is part of an experiment")],
  // Customer-service window
  [
    131047,
    rule('re_engagement_required', true, 'More than 24 h since the last user message: send a template'),
  ],
  // Request content
  [100, rule('permanent', true, 'Invalid parameter')],
  [131008, rule('permanent', true, 'Required parameter missing')],
  [131009, rule('permanent', true, 'Parameter value not valid')],
  [131051, rule('permanent', true, 'Unsupported message type')],
  [131052, rule('temporary', false, 'Media download error')],
  [131053, rule('permanent', true, 'Media upload error (unsupported or unreachable media)')],
  [135000, rule('permanent', true, 'Generic user error')],
  // Templates
  [132000, rule('template', true, 'Template parameter count mismatch')],
  [132001, rule('template', true, 'Template does not exist in this language or is not approved')],
  [132005, rule('template', true, 'Template hydrated text too long')],
  [132007, rule('template', true, 'Template format character policy violated')],
  [132012, rule('template', true, 'Template parameter format mismatch')],
  [132015, rule('template', true, 'Template paused for low quality')],
  [132016, rule('template', true, 'Template disabled for low quality')],
  // Meta side, worth retrying
  [1, rule('temporary', false, 'API unknown: possibly a temporary outage')],
  [2, rule('temporary', false, 'API service: temporary downtime or overload')],
  [131000, rule('temporary', false, 'Something went wrong (unknown error)')],
  [131016, rule('temporary', false, 'Service unavailable (overloaded)')],
  [131057, rule('temporary', false, 'Business account in maintenance mode')],
  [133004, rule('temporary', false, 'Server temporarily unavailable')],
]);

// Meta documents 132000-132016 as template errors; codes in that range we do not list are still template errors.
const TEMPLATE_CODE_RANGE = { from: 132000, to: 132099 };
// Graph codes 200-299 are permission errors.
const PERMISSION_CODE_RANGE = { from: 200, to: 299 };
// Meta's recommendation for 131056: about one message every 6 seconds to the same user.
export const PAIR_RATE_RETRY_MS = 6_000;

/** Classifies a Graph API error answer (or a transport failure when `error` is undefined). */
export function classifySendError(
  httpStatus: number | undefined,
  error: GraphErrorBody | undefined,
  retryAfterHeader?: string | null,
): WhatsAppSendErrorFields {
  const code = typeof error?.code === 'number' ? error.code : 0;
  const headerDelay = parseRetryAfter(retryAfterHeader);
  const base = {
    code,
    subcode: error?.error_subcode,
    httpStatus,
    details: error?.error_data?.details,
    fbtraceId: error?.fbtrace_id,
  };
  const known = error ? ruleFor(code) : undefined;
  const { kind, permanent } = known ?? fallbackFor(httpStatus, error);
  const retryAfterMs = headerDelay ?? (kind === 'pair_rate_limited' ? PAIR_RATE_RETRY_MS : undefined);
  return { ...base, kind, permanent, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** Meta's documented meaning of a code, for logs and the inbox. */
export function describeErrorCode(code: number): string | undefined {
  return ruleFor(code)?.meaning;
}

/** 131050: the user opted out of marketing messages in WhatsApp itself; the consent ledger should know. */
export function isMarketingOptOut(code: number): boolean {
  return code === 131050;
}

function ruleFor(code: number): CodeRule | undefined {
  const exact = WHATSAPP_ERROR_CODES.get(code);
  if (exact) return exact;
  if (code >= TEMPLATE_CODE_RANGE.from && code <= TEMPLATE_CODE_RANGE.to) {
    return rule('template', true, 'Template error');
  }
  if (code >= PERMISSION_CODE_RANGE.from && code <= PERMISSION_CODE_RANGE.to) {
    return rule('auth', true, 'API permission missing');
  }
  return undefined;
}

// Unknown codes: trust Meta's is_transient flag, then the HTTP status.
function fallbackFor(
  httpStatus: number | undefined,
  error: GraphErrorBody | undefined,
): { kind: WhatsAppSendErrorKind; permanent: boolean } {
  if (error?.is_transient === true) return { kind: 'temporary', permanent: false };
  if (httpStatus === undefined || httpStatus >= 500 || httpStatus === 408) {
    return { kind: 'temporary', permanent: false };
  }
  if (httpStatus === 429) return { kind: 'rate_limited', permanent: false };
  if (httpStatus === 401 || httpStatus === 403) return { kind: 'auth', permanent: true };
  return { kind: 'permanent', permanent: true };
}

function parseRetryAfter(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  return undefined;
}
