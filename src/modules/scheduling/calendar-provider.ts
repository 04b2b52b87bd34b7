import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { OutboxHandler } from '../../platform/outbox/outbox.ts';

/** A busy time of a rep in their external calendar, [start, end). */
export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface BusyQuery {
  workspaceId: string;
  userId: string;
  from: Date;
  to: Date;
}

export const BOOKING_CHANGE_KINDS = ['booked', 'rescheduled', 'cancelled'] as const;
export type BookingChangeKind = (typeof BOOKING_CHANGE_KINDS)[number];

const ZInstant = z.coerce.date();

/**
 * A committed change of a Chaud booking, as an external calendar needs it to create, move or delete
 * the rep's event. `icsUid`/`icsSequence` are those of the e-mailed invitation, so a calendar that
 * already received the invitation updates the same event. A reschedule is a new booking (new uid);
 * `previous` is the one it replaces, to delete or move.
 */
export const ZBookingChange = z.object({
  kind: z.enum(BOOKING_CHANGE_KINDS),
  workspaceId: z.string(),
  bookingId: z.string(),
  userId: z.string(),
  leadId: z.string(),
  start: ZInstant,
  end: ZInstant,
  /** The rep's IANA zone, in which the invitation is written. */
  timezone: z.string(),
  summary: z.string(),
  description: z.string(),
  location: z.string().nullable(),
  url: z.string().nullable(),
  repEmail: z.string(),
  leadName: z.string(),
  leadEmail: z.string().nullable(),
  icsUid: z.string(),
  icsSequence: z.number().int().min(0),
  previous: z
    .object({
      bookingId: z.string(),
      icsUid: z.string(),
      icsSequence: z.number().int().min(0),
      start: ZInstant,
      end: ZInstant,
    })
    .nullable(),
});
export type BookingChange = z.output<typeof ZBookingChange>;

/**
 * A rep's external calendar (Google, Microsoft…). Chaud reads busy times from it when it lists slots
 * and books, and tells it about committed booking changes; nothing else depends on which one it is.
 */
export interface CalendarProvider {
  /** Short identifier for logs ("google", "microsoft"). */
  readonly name: string;
  /**
   * The rep's busy times overlapping [from, to), **without** the events Chaud published itself
   * (Chaud already counts its own bookings; returning them would make a rescheduled meeting collide
   * with its old time). Chaud bounds the call in time and treats a failure as "no external busy".
   */
  busyIntervals(query: BusyQuery): Promise<BusyInterval[]>;
  /**
   * Called once per change after the Chaud transaction committed, from the outbox (a worker job):
   * a throw is logged and retried with backoff, never seen by the person who booked. It may run
   * again after a crash, so it must be idempotent by `icsUid` + `icsSequence`.
   */
  publishBookingChange(change: BookingChange): Promise<void>;
}

/** The default: no external calendar, no busy times, nothing published. */
export const noCalendarProvider: CalendarProvider = {
  name: 'none',
  busyIntervals: async () => [],
  publishBookingChange: async () => {},
};

/** Outbox kind of a booking change sent to the external calendar. */
export const CALENDAR_CHANGE_EFFECT = 'scheduling.publish-calendar-change';
/** How long slot listing and booking wait for the external busy times before going without them. */
export const DEFAULT_BUSY_TIMEOUT_MS = 3_000;

interface CalendarSetup {
  provider: CalendarProvider;
  busyTimeoutMs: number;
}

const setups = new WeakMap<AppContext, CalendarSetup>();

function setupOf(ctx: AppContext): CalendarSetup {
  return setups.get(ctx) ?? { provider: noCalendarProvider, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS };
}

/** The external calendar of this context: `noCalendarProvider` unless one was installed. */
export function calendarProviderOf(ctx: AppContext): CalendarProvider {
  return setupOf(ctx).provider;
}

/** True when booking changes are worth queueing (a provider other than the default is installed). */
export function isCalendarConnected(ctx: AppContext): boolean {
  return setupOf(ctx).provider !== noCalendarProvider;
}

/**
 * Installs the external calendar of a context (composition roots, embedders, tests). Every process
 * that runs workers must install the same one: they dispatch the queued changes.
 */
export function installCalendarProvider(
  ctx: AppContext,
  provider: CalendarProvider,
  options: { busyTimeoutMs?: number } = {},
): void {
  setups.set(ctx, { provider, busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  ctx.outbox.registerHandler(CALENDAR_CHANGE_EFFECT, publishQueuedChange(ctx));
}

function publishQueuedChange(ctx: AppContext): OutboxHandler {
  return async (item) => {
    const parsed = ZBookingChange.safeParse(item.payload);
    // A payload this code cannot read will not become readable on retry.
    if (!parsed.success)
      throw Object.assign(new Error(`Unreadable calendar change ${item.id}`), { permanent: true });
    const provider = calendarProviderOf(ctx);
    await provider.publishBookingChange(parsed.data);
    return { provider: provider.name };
  };
}

/**
 * Queues a booking change for the external calendar in `tx`, the booking's transaction: the outbox
 * dispatches it only once `tx` commits, so the call never runs inside it nor can undo the booking.
 */
export async function queueBookingChange(
  ctx: AppContext,
  tx: Database,
  change: BookingChange,
): Promise<void> {
  if (!isCalendarConnected(ctx)) return;
  await ctx.outbox.enqueue(tx, {
    workspaceId: change.workspaceId,
    kind: CALENDAR_CHANGE_EFFECT,
    dedupKey: `calendar:${change.bookingId}:${change.icsSequence}:${change.kind}`,
    payload: JSON.parse(JSON.stringify(change)) as Record<string, unknown>,
  });
}

/**
 * The provider's busy times for the query, bounded by `timeoutMs`. Never throws: a failure, a timeout
 * or a malformed answer is logged and read as "no external busy time", so a calendar that is down
 * leaves slots computed from Chaud's own bookings instead of taking booking pages down.
 */
export async function readBusyIntervals(
  provider: CalendarProvider,
  query: BusyQuery,
  options: { logger: Logger; timeoutMs: number },
): Promise<BusyInterval[]> {
  if (provider === noCalendarProvider) return [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
  });
  try {
    const answer = await Promise.race([provider.busyIntervals(query), timeout]);
    if (!Array.isArray(answer)) throw new Error('busyIntervals did not answer an array');
    return answer.filter(
      (item) =>
        item?.start instanceof Date &&
        item.end instanceof Date &&
        item.end.getTime() > item.start.getTime() &&
        item.start.getTime() < query.to.getTime() &&
        item.end.getTime() > query.from.getTime(),
    );
  } catch (error) {
    options.logger.warn(
      {
        provider: provider.name,
        workspaceId: query.workspaceId,
        userId: query.userId,
        err: error instanceof Error ? error.message : String(error),
      },
      'external calendar busy times unavailable: using Chaud bookings only',
    );
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/** The busy times of the context's external calendar for the query (see `readBusyIntervals`). */
export function externalBusyOf(ctx: AppContext, query: BusyQuery): Promise<BusyInterval[]> {
  const setup = setupOf(ctx);
  return readBusyIntervals(setup.provider, query, { logger: ctx.logger, timeoutMs: setup.busyTimeoutMs });
}

// Buffers reach up to a day on each side and a meeting lasts up to 8 hours: this window holds every
// busy time that could collide with a meeting starting at `start`.
const BEFORE_START_MS = 2 * 86_400_000;
const AFTER_START_MS = 3 * 86_400_000;

/** The external busy times that matter to a booking starting at `start`, read before its transaction. */
export function externalBusyAround(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; start: Date },
): Promise<BusyInterval[]> {
  return externalBusyOf(ctx, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    from: new Date(input.start.getTime() - BEFORE_START_MS),
    to: new Date(input.start.getTime() + AFTER_START_MS),
  });
}
