import { randomBytes } from 'node:crypto';

// Crockford base32: readable, case-insensitive, no I/L/O/U.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Creates a prefixed, time-sortable id (`lead_01hx…`): 48 bits of milliseconds then 80 random bits,
 * so ids sort by creation time and B-tree inserts stay append-mostly.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let remaining = now;
  for (let index = 0; index < 10; index++) {
    time = ALPHABET[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = randomBytes(16);
  let tail = '';
  for (let index = 0; index < 16; index++) tail += ALPHABET[random[index]! % 32];
  return `${prefix}_${time}${tail}`;
}

/** Random url-safe token for secrets (API keys, session tokens, signed links). */
export function newSecretToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
