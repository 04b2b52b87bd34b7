import { and, eq } from 'drizzle-orm';
import { appendEvents, changeLeadStage, findVisibleLead, leads } from '../modules/leads/index.ts';
import {
  type BookingRow,
  externalBusyAround,
  findBooking,
  findWorkspaceUser,
  insertBooking,
  queueCalendarChange,
  reminderTimes,
  type TimeRange,
  updateBooking,
} from '../modules/scheduling/index.ts';
import { type Actor, type AppContext, systemActor } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { enqueueReminder, INVITATION_EFFECT } from './booking-jobs.ts';

// Stages a booked meeting lifts a lead to SQL from; later stages are left where they are.
const BEFORE_SQL = new Set(['subscriber', 'lead', 'mql', 'recycled']);

export interface BookMeetingInput {
  leadId: string;
  userId: string;
  meetingTypeId: string;
  start: Date;
  source: 'api' | 'booking_page' | 'agent';
  /** The rep's external calendar busy times, when the caller read them before its transaction. */
  externalBusy?: readonly TimeRange[];
}

async function recordMeetingEvent(
  ctx: AppContext,
  tx: Database,
  booking: BookingRow,
  type: 'meeting_booked' | 'meeting_cancelled' | 'meeting_rescheduled' | 'meeting_held' | 'meeting_no_show',
): Promise<void> {
  const now = ctx.clock.now();
  await appendEvents(tx, [
    {
      workspaceId: booking.workspaceId,
      leadId: booking.leadId,
      type,
      occurredAt: now,
      receivedAt: now,
      source: 'scheduling',
      properties: { bookingId: booking.id, userId: booking.userId, start: booking.startAt.toISOString() },
      dedupKey: `${type}:${booking.id}:${booking.sequence}`,
    },
  ]);
  // Scoring, sequence goals (meeting booked) and triggers hear about it like any other event.
  await ctx.hooks.afterEventsRecorded(
    tx,
    booking.workspaceId,
    [booking.leadId],
    [{ leadId: booking.leadId, type }],
  );
}

async function moveStage(
  ctx: AppContext,
  tx: Database,
  booking: BookingRow,
  to: 'sql' | 'opportunity',
  reason: string,
) {
  const [lead] = await tx
    .select({ stage: leads.stage })
    .from(leads)
    .where(and(eq(leads.workspaceId, booking.workspaceId), eq(leads.id, booking.leadId)));
  const isForward =
    to === 'sql'
      ? BEFORE_SQL.has(lead?.stage ?? '')
      : BEFORE_SQL.has(lead?.stage ?? '') || lead?.stage === 'sql';
  if (!lead || !isForward) return;
  await changeLeadStage(tx, systemActor(booking.workspaceId), booking.leadId, to, reason, ctx.clock.now(), {
    automatic: true,
  });
  await ctx.hooks.afterQualificationChanged?.(tx, booking.workspaceId, [
    { leadId: booking.leadId, temperatureTo: null, stagesEntered: [to] },
  ]);
}

async function announce(ctx: AppContext, tx: Database, booking: BookingRow, method: 'REQUEST' | 'CANCEL') {
  await ctx.outbox.enqueue(tx, {
    workspaceId: booking.workspaceId,
    kind: INVITATION_EFFECT,
    dedupKey: `booking:${booking.id}:${booking.sequence}:${method}`,
    payload: { bookingId: booking.id, sequence: booking.sequence, method },
  });
  if (method === 'REQUEST')
    for (const reminder of reminderTimes(booking.startAt, ctx.clock.now()))
      await enqueueReminder(ctx, tx, booking, reminder.kind, reminder.at);
}

/**
 * A meeting booked (API, booking page or the agent): the booking, the `meeting_booked` event (which
 * ends sequences and rescores), the lead to SQL, the invitation e-mails, the reminders and the
 * external calendar's copy — one transaction, in the caller's when given.
 */
export async function bookMeeting(
  ctx: AppContext,
  actor: Actor,
  input: BookMeetingInput,
  outer?: Database,
): Promise<BookingRow> {
  // Read before the transaction so a slow calendar holds no lock (bounded, and [] when it fails).
  // A caller that passes its transaction without `externalBusy` has it read inside its own.
  const externalBusy =
    input.externalBusy ??
    (await externalBusyAround(ctx, {
      workspaceId: actor.workspaceId,
      userId: input.userId,
      start: input.start,
    }));
  const run = async (tx: Database) => {
    const lead = await findVisibleLead(tx, actor, input.leadId);
    const rep = await findWorkspaceUser(tx, actor.workspaceId, input.userId);
    const booking = await insertBooking(tx, {
      workspaceId: actor.workspaceId,
      leadId: lead.id,
      userId: rep.id,
      meetingTypeId: input.meetingTypeId,
      start: input.start,
      leadTimezone: lead.timezone ?? rep.timezone,
      source: input.source,
      now: ctx.clock.now(),
      externalBusy,
    });
    await recordMeetingEvent(ctx, tx, booking, 'meeting_booked');
    await moveStage(ctx, tx, booking, 'sql', 'meeting booked');
    await announce(ctx, tx, booking, 'REQUEST');
    await queueCalendarChange(ctx, tx, 'booked', booking);
    return booking;
  };
  return outer ? run(outer) : ctx.db.transaction((inner) => run(inner as unknown as Database));
}

export async function cancelMeeting(
  ctx: AppContext,
  workspaceId: string,
  bookingId: string,
): Promise<BookingRow> {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const booking = await findBooking(tx, workspaceId, bookingId, true);
    if (booking.status !== 'confirmed') return booking;
    const cancelled = await updateBooking(tx, booking, { status: 'cancelled' }, ctx.clock.now());
    await recordMeetingEvent(ctx, tx, cancelled, 'meeting_cancelled');
    await announce(ctx, tx, cancelled, 'CANCEL');
    await queueCalendarChange(ctx, tx, 'cancelled', cancelled);
    return cancelled;
  });
}

/** Moves a meeting: the same booking at a new time (the old time is freed), a new invitation sequence. */
export async function rescheduleMeeting(
  ctx: AppContext,
  workspaceId: string,
  bookingId: string,
  start: Date,
): Promise<BookingRow> {
  // The rep of a booking never changes: their external busy times are read before the transaction.
  const current = await findBooking(ctx.db, workspaceId, bookingId);
  const externalBusy =
    current.status === 'confirmed'
      ? await externalBusyAround(ctx, { workspaceId, userId: current.userId, start })
      : [];
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const booking = await findBooking(tx, workspaceId, bookingId, true);
    if (booking.status !== 'confirmed') return booking;
    // Freed first, so the new time is checked against the rep's other meetings only.
    const freed = await updateBooking(tx, booking, { status: 'cancelled' }, ctx.clock.now());
    const moved = await insertBooking(tx, {
      workspaceId,
      leadId: booking.leadId,
      userId: booking.userId,
      meetingTypeId: booking.meetingTypeId,
      start,
      leadTimezone: booking.leadTimezone,
      source: booking.source,
      now: ctx.clock.now(),
      externalBusy,
    });
    await recordMeetingEvent(ctx, tx, moved, 'meeting_rescheduled');
    await announce(ctx, tx, { ...booking, sequence: booking.sequence + 1, status: 'cancelled' }, 'CANCEL');
    await announce(ctx, tx, moved, 'REQUEST');
    await queueCalendarChange(ctx, tx, 'rescheduled', moved, freed);
    return moved;
  });
}

/** After the meeting the rep says how it went: held moves the lead to opportunity. */
export async function recordMeetingOutcome(
  ctx: AppContext,
  actor: Actor,
  bookingId: string,
  outcome: 'held' | 'no_show',
): Promise<BookingRow> {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const booking = await findBooking(tx, actor.workspaceId, bookingId, true);
    await findVisibleLead(tx, actor, booking.leadId);
    if (booking.status !== 'confirmed') return booking;
    const updated = await updateBooking(tx, booking, { status: outcome }, ctx.clock.now());
    await recordMeetingEvent(ctx, tx, updated, outcome === 'held' ? 'meeting_held' : 'meeting_no_show');
    if (outcome === 'held') await moveStage(ctx, tx, updated, 'opportunity', 'meeting held');
    return updated;
  });
}
