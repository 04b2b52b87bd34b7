import {
  escapeText,
  formatUtcDateTime,
  formatWallDateTime,
  joinContentLines,
  quoteParam,
  stripControls,
} from './ics-format.rules.ts';
import { buildVTimezone, localYear } from './ics-timezone.rules.ts';
import { ianaZone, localParts, offsetMinutes, resolveLocalTime } from './local-time.rules.ts';

export const ICS_PRODID = '-//Chaud//Scheduling 1.0//EN';

export type IcsMethod = 'REQUEST' | 'CANCEL';
export type IcsStatus = 'CONFIRMED' | 'CANCELLED';
export type AttendeeRole = 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'NON-PARTICIPANT' | 'CHAIR';

export interface IcsAttendee {
  name?: string;
  email: string;
  /** REQ-PARTICIPANT when absent. */
  role?: AttendeeRole;
}

export interface IcsEvent {
  /** Stable across reschedules and the cancellation, so calendars update the same event. */
  uid: string;
  /** Raised on every change (reschedule, cancel) of the same uid. */
  sequence: number;
  start: Date;
  end: Date;
  /** The rep's zone: DTSTART/DTEND are written in it, with its VTIMEZONE. */
  timezone: string;
  summary: string;
  description: string;
  location?: string;
  organizer: { name: string; email: string };
  attendees: readonly IcsAttendee[];
  url?: string;
  /** DTSTAMP: when this representation was made. */
  now: Date;
}

export interface BookingIcsInput extends IcsEvent {
  method: IcsMethod;
}

export interface FeedIcsEvent extends IcsEvent {
  status?: IcsStatus;
}

// Anything that could end the mailto: value or the line is refused rather than cleaned: a wrong address
// must fail loudly, not send the invitation elsewhere.
const EMAIL = /^[^\s@:;,"<>\\]+@[^\s@:;,"<>\\]+$/;

function mailto(email: string): string {
  if (!EMAIL.test(email)) throw new RangeError(`not an email address for ICS: ${JSON.stringify(email)}`);
  return `mailto:${email}`;
}

/**
 * `DTSTART;TZID=Europe/Paris:20260329T093000`, or UTC (`DTSTART:20261025T010000Z`) for the second
 * occurrence of a repeated fall-back time: a TZID time that exists twice means the first (RFC 5545 §3.3.5).
 */
function zonedProperty(name: string, zoneName: string, instant: number): string {
  const zone = ianaZone(zoneName);
  const parts = localParts(zone, instant);
  const wholeMinute = instant - parts.second * 1000 - parts.millisecond;
  const resolved = resolveLocalTime(zone, parts.date, parts.minuteOfDay);
  if (resolved.kind === 'exact' && resolved.instant === wholeMinute) {
    return `${name};TZID=${zoneName}:${formatWallDateTime(instant, offsetMinutes(zone, instant))}`;
  }
  return `${name}:${formatUtcDateTime(instant)}`;
}

function checkEvent(event: IcsEvent): void {
  ianaZone(event.timezone);
  if (!(event.end.getTime() > event.start.getTime()))
    throw new RangeError('ICS event must end after it starts');
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`ICS SEQUENCE must be a whole number ≥ 0, got ${event.sequence}`);
  }
  if (stripControls(event.uid).trim() === '') throw new RangeError('ICS UID must not be empty');
}

function eventLines(event: IcsEvent, status: IcsStatus, askReply: boolean): string[] {
  checkEvent(event);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(stripControls(event.uid))}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatUtcDateTime(event.now.getTime())}`,
    zonedProperty('DTSTART', event.timezone, event.start.getTime()),
    zonedProperty('DTEND', event.timezone, event.end.getTime()),
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${stripControls(event.url)}`);
  lines.push(`ORGANIZER;CN=${quoteParam(event.organizer.name)}:${mailto(event.organizer.email)}`);
  for (const attendee of event.attendees) {
    const params = [
      ...(attendee.name ? [`CN=${quoteParam(attendee.name)}`] : []),
      `ROLE=${attendee.role ?? 'REQ-PARTICIPANT'}`,
      'PARTSTAT=NEEDS-ACTION',
      ...(askReply ? ['RSVP=TRUE'] : []),
    ];
    lines.push(`ATTENDEE;${params.join(';')}:${mailto(attendee.email)}`);
  }
  lines.push(`STATUS:${status}`, 'END:VEVENT');
  return lines;
}

/** One VTIMEZONE per zone, covering the local years of all its events' starts and ends. */
function timezoneLines(events: readonly IcsEvent[]): string[] {
  const years = new Map<string, { first: number; last: number }>();
  for (const event of events) {
    for (const instant of [event.start.getTime(), event.end.getTime()]) {
      const year = localYear(event.timezone, instant);
      const known = years.get(event.timezone);
      years.set(event.timezone, {
        first: Math.min(known?.first ?? year, year),
        last: Math.max(known?.last ?? year, year),
      });
    }
  }
  return [...years].flatMap(([zone, range]) => buildVTimezone(zone, range.first, range.last));
}

const calendarHeader = ['BEGIN:VCALENDAR', `PRODID:${ICS_PRODID}`, 'VERSION:2.0', 'CALSCALE:GREGORIAN'];

/**
 * The invitation (METHOD:REQUEST, STATUS:CONFIRMED) or cancellation (METHOD:CANCEL, STATUS:CANCELLED)
 * e-mailed to lead and rep as `text/calendar; method=…`. CRLF lines folded at 75 octets.
 */
export function buildBookingIcs(input: BookingIcsInput): string {
  const status: IcsStatus = input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED';
  return joinContentLines([
    ...calendarHeader,
    `METHOD:${input.method}`,
    ...timezoneLines([input]),
    ...eventLines(input, status, input.method === 'REQUEST'),
    'END:VCALENDAR',
  ]);
}

/** A rep's private subscription feed: no METHOD (it is published, not sent), every event, one VTIMEZONE per zone. */
export function buildFeedIcs(
  events: readonly FeedIcsEvent[],
  options: { calendarName?: string } = {},
): string {
  return joinContentLines([
    ...calendarHeader,
    ...(options.calendarName ? [`X-WR-CALNAME:${escapeText(options.calendarName)}`] : []),
    ...timezoneLines(events),
    ...events.flatMap((event) => eventLines(event, event.status ?? 'CONFIRMED', false)),
    'END:VCALENDAR',
  ]);
}
