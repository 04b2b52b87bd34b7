import type { DeliveryStatus, StatusUpdate, WhatsAppErrorDetail } from './whatsapp-inbound.types.ts';

/** What Chaud knows about the delivery of one outbound message, whatever order the webhooks came in. */
export interface DeliveryState {
  status: DeliveryStatus;
  sentAt?: Date;
  deliveredAt?: Date;
  readAt?: Date;
  playedAt?: Date;
  failedAt?: Date;
  /** Errors of the `failed` status, kept even when later proof of delivery outranks it. */
  errors: WhatsAppErrorDetail[];
}

/**
 * Rank of each status; a webhook never moves a message to a lower rank.
 * sent < failed < delivered < read < played.
 * - Meta documents sent → delivered → read (→ played for voice) and failed as "the message failed to send",
 *   reported instead of delivered. It retries webhooks for days and does not keep their order.
 * - `failed` outranks `sent`: a stale `sent` arriving after the failure must not hide it.
 * - `delivered`/`read`/`played` outrank `failed`: they are receipts from the user's device, proof the
 *   message arrived, which a failure report cannot undo (a `failed` after them is stale or a duplicate).
 *   The failure's errors are still kept on the state for the record.
 */
const RANK: Record<DeliveryStatus, number> = { sent: 1, failed: 2, delivered: 3, read: 4, played: 5 };

const TIMESTAMP_FIELD = {
  sent: 'sentAt',
  delivered: 'deliveredAt',
  read: 'readAt',
  played: 'playedAt',
  failed: 'failedAt',
} as const satisfies Record<DeliveryStatus, keyof DeliveryState>;

export interface MergedStatus {
  state: DeliveryState;
  /** True when the visible status moved forward; false for a duplicate or a late, lower-ranked webhook. */
  isAdvanced: boolean;
}

/** Applies one status webhook to the known state; idempotent, and commutative in the final status. */
export function mergeStatus(current: DeliveryState | undefined, incoming: StatusUpdate): MergedStatus {
  const previous: DeliveryState = current ?? { status: incoming.status, errors: [] };
  const field = TIMESTAMP_FIELD[incoming.status];
  const state: DeliveryState = { ...previous, errors: [...previous.errors] };
  // Keep the earliest time reported for each status: a redelivered webhook carries the same or a later one.
  const known = previous[field];
  if (!known || incoming.at < known) state[field] = incoming.at;
  if (incoming.status === 'failed') state.errors = mergeErrors(previous.errors, incoming.errors);
  const isAdvanced = current === undefined || RANK[incoming.status] > RANK[previous.status];
  if (isAdvanced) state.status = incoming.status;
  return { state, isAdvanced };
}

/** Negative when `left` ranks below `right` in the monotonic order above. */
export function compareStatus(left: DeliveryStatus, right: DeliveryStatus): number {
  return RANK[left] - RANK[right];
}

function mergeErrors(known: WhatsAppErrorDetail[], incoming: WhatsAppErrorDetail[]): WhatsAppErrorDetail[] {
  const seen = new Set(known.map((error) => `${error.code}:${error.details ?? ''}`));
  return [...known, ...incoming.filter((error) => !seen.has(`${error.code}:${error.details ?? ''}`))];
}
