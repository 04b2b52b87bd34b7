import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header Meta signs every webhook POST with: `sha256=<hex HMAC-SHA256 of the raw body, keyed by the app secret>`. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

const SIGNATURE_PATTERN = /^sha256=([0-9a-fA-F]{64})$/;
const DIGEST_BYTES = 32;

/** The header value Meta would send for this body; used by tests and the fake Graph API to replay payloads. */
export function signWebhookBody(rawBody: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * True when `header` is the HMAC-SHA256 of the exact bytes received, keyed by one of the app secrets
 * (several while a secret is being rotated). It must be the raw body: Meta signs its own serialisation
 * (non-ASCII escaped as \uXXXX), so re-serialising parsed JSON would not match.
 */
export function isValidWebhookSignature(
  rawBody: Uint8Array | string,
  header: string | readonly string[] | undefined,
  appSecrets: string | readonly string[],
): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return false;
  const match = SIGNATURE_PATTERN.exec(value.trim());
  if (!match) return false;
  const received = Buffer.from(match[1]!, 'hex');
  // timingSafeEqual throws on different lengths, and the length itself is public: check it first.
  if (received.length !== DIGEST_BYTES) return false;
  const secrets = typeof appSecrets === 'string' ? [appSecrets] : appSecrets;
  let isValid = false;
  for (const secret of secrets) {
    if (secret === '') continue;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // No early exit, so the time taken does not say which secret matched.
    if (timingSafeEqual(expected, received)) isValid = true;
  }
  return isValid;
}
