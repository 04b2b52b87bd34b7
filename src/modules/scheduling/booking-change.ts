import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { leads } from '../leads/index.ts';
import { describeBookingEvent } from './booking-event.rules.ts';
import {
  type BookingChange,
  type BookingChangeKind,
  isCalendarConnected,
  queueBookingChange,
} from './calendar-provider.ts';
import { findMeetingType, type MeetingTypeRow } from './meeting-types.service.ts';
import { type BookingRow, findWorkspaceUser } from './scheduling.service.ts';

type BookingFields = Pick<
  BookingRow,
  'id' | 'workspaceId' | 'userId' | 'leadId' | 'startAt' | 'endAt' | 'sequence'
>;

export interface BookingChangeParties {
  kind: BookingChangeKind;
  booking: BookingFields;
  /** For a reschedule: the booking it replaces, with the sequence of its cancellation. */
  previous?: BookingFields | null;
  rep: { email: string; name: string; timezone: string };
  lead: {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  meetingType: Pick<MeetingTypeRow, 'name' | 'description' | 'location'>;
}

/** What the external calendar is told about a booking; the summary and place match the invitation. */
export function buildBookingChange(parties: BookingChangeParties): BookingChange {
  const { booking, previous, rep, lead, meetingType } = parties;
  const event = describeBookingEvent({ bookingId: booking.id, rep, lead, meetingType });
  const { leadName, location } = event;
  return {
    kind: parties.kind,
    workspaceId: booking.workspaceId,
    bookingId: booking.id,
    userId: booking.userId,
    leadId: booking.leadId,
    start: booking.startAt,
    end: booking.endAt,
    timezone: rep.timezone,
    summary: event.summary,
    description: event.description,
    location: location.text || null,
    url: location.url ?? null,
    repEmail: rep.email,
    leadName,
    leadEmail: lead?.email ?? null,
    icsUid: event.uid,
    icsSequence: booking.sequence,
    previous: previous
      ? {
          bookingId: previous.id,
          icsUid: describeBookingEvent({ bookingId: previous.id, rep, lead, meetingType }).uid,
          icsSequence: previous.sequence,
          start: previous.startAt,
          end: previous.endAt,
        }
      : null,
  };
}

/**
 * Queues a booking change for the external calendar in `tx` (sent after it commits). Reads nothing
 * when no calendar provider is installed.
 */
export async function queueCalendarChange(
  ctx: AppContext,
  tx: Database,
  kind: BookingChangeKind,
  booking: BookingFields & Pick<BookingRow, 'meetingTypeId'>,
  previous?: BookingFields,
): Promise<void> {
  if (!isCalendarConnected(ctx)) return;
  const rep = await findWorkspaceUser(tx, booking.workspaceId, booking.userId);
  const meetingType = await findMeetingType(tx, booking.workspaceId, booking.meetingTypeId);
  const [lead] = await tx
    .select({ firstName: leads.firstName, lastName: leads.lastName, email: leads.email, phone: leads.phone })
    .from(leads)
    .where(and(eq(leads.workspaceId, booking.workspaceId), eq(leads.id, booking.leadId)));
  await queueBookingChange(
    ctx,
    tx,
    buildBookingChange({ kind, booking, previous: previous ?? null, rep, lead: lead ?? null, meetingType }),
  );
}
