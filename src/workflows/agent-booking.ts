import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { proposeDefaultSlots, type SlotProvider } from '../modules/conversations/index.ts';
import { leads } from '../modules/leads/index.ts';
import { defaultMeetingType, listSlots } from '../modules/scheduling/index.ts';
import { type AppContext, systemActor } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { bookMeeting } from './booking.workflow.ts';

// The agent looks this far ahead for the owner's free time, and offers one slot per day.
const HORIZON_DAYS = 14;
const OFFERED = 3;

async function bookingTarget(db: Database, workspaceId: string, leadId: string) {
  const [lead] = await db
    .select({ ownerId: leads.ownerId })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)));
  const meetingType = await defaultMeetingType(db, workspaceId);
  return lead?.ownerId && meetingType ? { userId: lead.ownerId, meetingTypeId: meetingType.id } : null;
}

/**
 * The slots the agent offers a hot lead: the first free time of each of the owner's next working
 * days, from their real availability and bookings — and, with `calendarOf`, without the busy times
 * of that context's external calendar. Without an owner or a meeting type, standard office-hour
 * proposals (a person then books by hand). The agent asks inside its turn's transaction, so an
 * installed provider's read holds the turn's locks up to its timeout (3 s); offering a time the rep
 * is busy elsewhere would be worse (the lead picks it, then hears it is taken). No provider: no call.
 */
export function ownerCalendarSlotsWith(calendarOf?: AppContext): SlotProvider {
  return async ({ db, workspaceId, leadId, now, timezone }) => {
    const target = await bookingTarget(db, workspaceId, leadId);
    if (!target) return proposeDefaultSlots(now, timezone);
    const free = await listSlots(
      db,
      workspaceId,
      { ...target, from: now, to: new Date(now.getTime() + HORIZON_DAYS * 86_400_000), now },
      calendarOf,
    );
    return firstSlotOfEachDay(free, timezone);
  };
}

function firstSlotOfEachDay(free: { start: Date }[], timezone: string): Date[] {
  const days = new Set<string>();
  const offered: Date[] = [];
  for (const slot of free) {
    const day = DateTime.fromJSDate(slot.start).setZone(timezone).toISODate()!;
    if (days.has(day)) continue;
    days.add(day);
    offered.push(slot.start);
    if (offered.length === OFFERED) break;
  }
  return offered;
}

/**
 * The lead chose a slot in the conversation: book it with the owner, in the turn's transaction.
 * `bookMeeting` checks the owner's external calendar (bounded; skipped when it fails) and queues the
 * change for it, sent once the turn commits.
 */
export async function bookChosenSlot(
  ctx: AppContext,
  tx: Database,
  input: { workspaceId: string; leadId: string; start: Date },
): Promise<'booked' | 'no_calendar' | 'taken'> {
  const target = await bookingTarget(tx, input.workspaceId, input.leadId);
  if (!target) return 'no_calendar';
  try {
    await bookMeeting(
      ctx,
      systemActor(input.workspaceId),
      { leadId: input.leadId, ...target, start: input.start, source: 'agent' },
      tx,
    );
    return 'booked';
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('BOOKING_SLOT')) return 'taken';
    throw error;
  }
}
