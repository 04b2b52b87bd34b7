import type { WhatsAppSendError } from './whatsapp.errors.ts';

/** Meta's pair rate: about one message every 6 s from one business number to one user (error 131056 beyond). */
export const PER_RECIPIENT_GAP_MS = 6_000;
/** Default Cloud API throughput of a business phone number: 80 messages per second (error 130429 beyond). */
export const DEFAULT_THROUGHPUT_PER_SECOND = 80;
const THROUGHPUT_WINDOW_MS = 1_000;

export interface PacingInput {
  now: Date;
  /** When the previous message to this recipient went out from this number. */
  lastSentToRecipientAt?: Date;
  /** Send times of this business number from one second ago on (planned ones included), in any order. */
  recentNumberSends: readonly Date[];
  /** Not before this time, e.g. after a rate-limit error. */
  notBefore?: Date;
  perRecipientGapMs?: number;
  throughputPerSecond?: number;
}

/**
 * The earliest time a message may go out: at least the recipient gap after the last message to the same
 * user, and at most `throughputPerSecond` sends of the number in any one-second sliding window.
 * The last option (one second after the last send) always fits, so the loop below always returns.
 */
export function nextSendAt(input: PacingInput): Date {
  const gap = input.perRecipientGapMs ?? PER_RECIPIENT_GAP_MS;
  const limit = Math.max(1, Math.floor(input.throughputPerSecond ?? DEFAULT_THROUGHPUT_PER_SECOND));
  const candidate = Math.max(
    input.now.getTime(),
    input.lastSentToRecipientAt ? input.lastSentToRecipientAt.getTime() + gap : 0,
    input.notBefore?.getTime() ?? 0,
  );
  const sends = input.recentNumberSends.map((time) => time.getTime()).sort((left, right) => left - right);
  // A slot only frees up when an earlier send leaves the one-second window, so the earliest allowed time
  // is the candidate itself or one second after some send: try those in order.
  const options = [
    candidate,
    ...sends.map((time) => time + THROUGHPUT_WINDOW_MS).filter((time) => time > candidate),
  ];
  for (const option of options) {
    if (isWithinThroughput(sends, option, limit)) return new Date(option);
  }
  return new Date(options[options.length - 1]!);
}

// Sends may also be planned ahead of `at`: every one-second window holding `at` must stay under the
// limit, and the fullest of those windows ends at `at` or at a later send less than a second away.
function isWithinThroughput(sends: readonly number[], at: number, limit: number): boolean {
  const windowEnds = [at, ...sends.filter((time) => time > at && time < at + THROUGHPUT_WINDOW_MS)];
  return windowEnds.every((end) => {
    const inWindow = sends.filter((time) => time > end - THROUGHPUT_WINDOW_MS && time <= end).length;
    return inWindow + 1 <= limit;
  });
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

// Throughput limits clear within seconds; spam and Meta-side trouble need longer pauses.
const BACKOFF_BY_KIND: Partial<Record<WhatsAppSendError['kind'], BackoffPolicy>> = {
  rate_limited: { baseMs: 1_000, maxMs: 5 * 60_000 },
  pair_rate_limited: { baseMs: PER_RECIPIENT_GAP_MS, maxMs: 10 * 60_000 },
  temporary: { baseMs: 5_000, maxMs: 30 * 60_000 },
};

/**
 * How long to wait before retrying a failed send, or undefined when a retry cannot help (the error is
 * permanent: template, consent, window, recipient, auth). Exponential with full jitter; `random` in [0, 1).
 */
export function retryDelayFor(
  error: Pick<WhatsAppSendError, 'kind' | 'permanent' | 'retryAfterMs'>,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (error.permanent) return undefined;
  const policy = BACKOFF_BY_KIND[error.kind];
  if (!policy) return undefined;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = policy.baseMs + Math.floor(random() * Math.max(0, ceiling - policy.baseMs));
  // Meta's own Retry-After wins when it asks for longer.
  return Math.max(jittered, error.retryAfterMs ?? 0);
}
