import { randomBytes } from 'node:crypto';

// Crockford base32: readable, case-insensitive, no I/L/O/U.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TAIL_LENGTH = 16;

// Last tail issued per millisecond: ids may be made with an injected clock and the system clock
// interleaved, so remembering only the very last millisecond would break the ordering.
const tailsByTime = new Map<number, number[]>();
const REMEMBERED_TIMES = 64;

function randomTail(): number[] {
  const bytes = randomBytes(TAIL_LENGTH);
  // The first digit stays below 16 so incrementing within one millisecond cannot overflow in practice.
  return [...bytes].map((byte, index) => (index === 0 ? byte % 16 : byte % 32));
}

function incrementTail(tail: number[]): number[] {
  const next = [...tail];
  for (let index = next.length - 1; index >= 0; index--) {
    if (next[index]! < 31) {
      next[index]! += 1;
      return next;
    }
    next[index] = 0;
  }
  return randomTail();
}

/**
 * Creates a prefixed, time-sortable id (`lead_01hx…`): 48 bits of milliseconds then 80 random bits.
 * Ids made in the same millisecond by this process increase, so sorting by id follows creation order
 * and B-tree inserts stay append-mostly.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let remaining = now;
  for (let index = 0; index < 10; index++) {
    time = ALPHABET[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const previous = tailsByTime.get(now);
  const tail = previous ? incrementTail(previous) : randomTail();
  tailsByTime.delete(now);
  tailsByTime.set(now, tail);
  if (tailsByTime.size > REMEMBERED_TIMES) tailsByTime.delete(tailsByTime.keys().next().value!);
  return `${prefix}_${time}${tail.map((digit) => ALPHABET[digit]).join('')}`;
}

/** Random url-safe token for secrets (API keys, session tokens, signed links). */
export function newSecretToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
