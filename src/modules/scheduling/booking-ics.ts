import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { leads } from '../leads/index.ts';
import { describeBookingEvent } from './booking-event.rules.ts';
import { buildBookingIcs } from './ics.rules.ts';
import { findMeetingType, type MeetingTypeRow } from './meeting-types.service.ts';
import { type BookingRow, findWorkspaceUser } from './scheduling.service.ts';

export function bookingDto(booking: BookingRow) {
  return {
    id: booking.id,
    leadId: booking.leadId,
    userId: booking.userId,
    meetingTypeId: booking.meetingTypeId,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    status: booking.status,
  };
}

interface IcsParties {
  booking: BookingRow;
  rep: { name: string; email: string; timezone: string };
  lead: {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  meetingType: Pick<MeetingTypeRow, 'name' | 'description' | 'location'>;
  method: 'REQUEST' | 'CANCEL';
  organizer: { name?: string; address: string };
  now: Date;
}

/** The invitation (or cancellation) of a booking, in the rep's zone, organised by the sending address. */
export function bookingIcs(parties: IcsParties): string {
  const { booking, rep, lead, meetingType } = parties;
  const event = describeBookingEvent({ bookingId: booking.id, rep, lead, meetingType });
  const { location } = event;
  return buildBookingIcs({
    method: parties.method,
    uid: event.uid,
    sequence: booking.sequence,
    start: booking.startAt,
    end: booking.endAt,
    timezone: rep.timezone,
    summary: event.summary,
    description: event.description,
    location: location.text,
    ...(location.url ? { url: location.url } : {}),
    organizer: { name: parties.organizer.name ?? rep.name, email: parties.organizer.address },
    attendees: [
      { name: rep.name, email: rep.email },
      ...(lead?.email ? [{ name: event.leadName, email: lead.email }] : []),
    ],
    now: parties.now,
  });
}

/** The ICS of a booking as the API returns it (REQUEST while confirmed, CANCEL once cancelled). */
export async function bookingIcsFor(ctx: AppContext, booking: BookingRow): Promise<string> {
  const rep = await findWorkspaceUser(ctx.db, booking.workspaceId, booking.userId);
  const meetingType = await findMeetingType(ctx.db, booking.workspaceId, booking.meetingTypeId);
  const [lead] = await ctx.db
    .select({ firstName: leads.firstName, lastName: leads.lastName, email: leads.email, phone: leads.phone })
    .from(leads)
    .where(and(eq(leads.workspaceId, booking.workspaceId), eq(leads.id, booking.leadId)));
  return bookingIcs({
    booking,
    rep,
    lead: lead ?? null,
    meetingType,
    method: booking.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    organizer: { name: rep.name, address: rep.email },
    now: ctx.clock.now(),
  });
}
