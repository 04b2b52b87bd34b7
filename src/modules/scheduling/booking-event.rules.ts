import { describeMeetingLocation, type MeetingLocation } from './meeting-type.schemas.ts';

/**
 * How a booking reads in any calendar: the e-mailed invitation and an external calendar provider
 * both use it, so they name one event (same UID) the same way.
 */
export function describeBookingEvent(input: {
  bookingId: string;
  rep: { name: string };
  lead: {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  meetingType: { name: string; description: string | null; location: unknown };
}) {
  const { lead, meetingType } = input;
  const leadName = [lead?.firstName, lead?.lastName].filter(Boolean).join(' ') || (lead?.email ?? 'Lead');
  const location = describeMeetingLocation(meetingType.location as MeetingLocation, {
    bookingId: input.bookingId,
    leadPhone: lead?.phone ?? null,
  });
  return {
    uid: `${input.bookingId}@chaud`,
    leadName,
    summary: `${meetingType.name} — ${leadName} / ${input.rep.name}`,
    description: meetingType.description ?? meetingType.name,
    location,
  };
}
