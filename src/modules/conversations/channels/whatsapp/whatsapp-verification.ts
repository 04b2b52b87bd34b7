import { createHash, timingSafeEqual } from 'node:crypto';

/** Outcome of Meta's GET subscription handshake: echo the challenge as text/plain, or answer 403. */
export type VerificationDecision =
  | { isAccepted: true; status: 200; challenge: string }
  | { isAccepted: false; status: 403; reason: VerificationRefusal };

export type VerificationRefusal = 'MODE_NOT_SUBSCRIBE' | 'TOKEN_MISMATCH' | 'CHALLENGE_INVALID';

// Meta sends a numeric challenge; anything else (markup, huge strings) is not echoed back.
const CHALLENGE_PATTERN = /^[A-Za-z0-9._-]{1,256}$/;

/**
 * Decides the answer to `GET /webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.
 * `verifyTokens` are the tokens configured in Meta's app dashboard (several when workspaces use their own).
 */
export function decideVerification(
  query: Record<string, unknown>,
  verifyTokens: string | readonly string[],
): VerificationDecision {
  const mode = firstString(query['hub.mode']);
  const token = firstString(query['hub.verify_token']);
  const challenge = firstString(query['hub.challenge']);
  if (mode !== 'subscribe') return { isAccepted: false, status: 403, reason: 'MODE_NOT_SUBSCRIBE' };
  const tokens = typeof verifyTokens === 'string' ? [verifyTokens] : verifyTokens;
  if (token === undefined || !tokens.some((expected) => isSameSecret(token, expected))) {
    return { isAccepted: false, status: 403, reason: 'TOKEN_MISMATCH' };
  }
  if (challenge === undefined || !CHALLENGE_PATTERN.test(challenge)) {
    return { isAccepted: false, status: 403, reason: 'CHALLENGE_INVALID' };
  }
  return { isAccepted: true, status: 200, challenge };
}

function firstString(value: unknown): string | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return typeof item === 'string' ? item : undefined;
}

// Hashing both sides gives equal lengths, so the comparison time says nothing about the token.
function isSameSecret(received: string, expected: string): boolean {
  if (expected === '') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(received), digest(expected));
}
