import { DateTime, type IANAZone } from 'luxon';
import { formatUtcOffset, formatWallDateTime } from './ics-format.rules.ts';
import {
  findOffsetChange,
  ianaZone,
  localParts,
  MINUTE_MS,
  offsetMinutes,
  resolveLocalTime,
} from './local-time.rules.ts';

const HOUR_MS = 60 * MINUTE_MS;
// Offsets are read every 6 hours: real zones never change twice within that.
const SCAN_STEP_MS = 6 * HOUR_MS;
const YEAR_SCAN_MS = 370 * 24 * HOUR_MS;

/** One change of a zone's UTC offset. */
export interface OffsetTransition {
  at: number;
  offsetFrom: number;
  offsetTo: number;
}

/** Every offset change in [from, until), in order. */
export function offsetTransitions(zone: IANAZone, from: number, until: number): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  let previous = from;
  let previousOffset = offsetMinutes(zone, from);
  while (previous < until) {
    const next = Math.min(previous + SCAN_STEP_MS, until);
    const nextOffset = offsetMinutes(zone, next);
    if (nextOffset !== previousOffset) {
      const at = findOffsetChange(zone, previous, next);
      transitions.push({ at, offsetFrom: previousOffset, offsetTo: offsetMinutes(zone, at) });
    }
    previous = next;
    previousOffset = nextOffset;
  }
  return transitions.filter((transition) => transition.at < until);
}

/** The last offset change before `instant` within about a year, else null (a zone without DST). */
function lastTransitionBefore(zone: IANAZone, instant: number): OffsetTransition | null {
  return offsetTransitions(zone, instant - YEAR_SCAN_MS, instant).at(-1) ?? null;
}

/** CEST, EDT, GMT…: an abbreviation when Intl knows one in English, else none (TZNAME is optional). */
function abbreviation(zoneName: string, instant: number): string | null {
  for (const locale of ['en-US', 'en-GB']) {
    const name = DateTime.fromMillis(instant, { zone: zoneName, locale }).offsetNameShort;
    if (name && /^[A-Z]{2,5}$/.test(name) && !/^GMT$|^UTC$/.test(name)) return name;
  }
  const fallback = DateTime.fromMillis(instant, { zone: zoneName, locale: 'en-US' }).offsetNameShort;
  return fallback === 'GMT' || fallback === 'UTC' ? fallback : null;
}

function yearStart(year: number, zone: IANAZone): number {
  const start = resolveLocalTime(zone, `${String(year).padStart(4, '0')}-01-01`, 0);
  return start.kind === 'exact' ? start.instant : start.next;
}

/**
 * A VTIMEZONE for the zone covering the local years `firstYear` to `lastYear`: one observance per
 * offset change found with Luxon (explicit dates, no RRULE), plus the observance in force on 1 January.
 * An observance is DAYLIGHT when its offset is above the lowest offset of the period, else STANDARD.
 */
export function buildVTimezone(zoneName: string, firstYear: number, lastYear: number): string[] {
  const zone = ianaZone(zoneName);
  const from = yearStart(firstYear, zone);
  const until = yearStart(lastYear + 1, zone);
  const initial = lastTransitionBefore(zone, from);
  const transitions = offsetTransitions(zone, from, until);
  const startOffset = offsetMinutes(zone, from);
  const standardOffset = Math.min(startOffset, ...transitions.map((transition) => transition.offsetTo));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zoneName}`];
  const observance = (transition: OffsetTransition, onset: string) => {
    const kind = transition.offsetTo > standardOffset ? 'DAYLIGHT' : 'STANDARD';
    const name = abbreviation(zoneName, transition.at);
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${onset}`,
      `TZOFFSETFROM:${formatUtcOffset(transition.offsetFrom)}`,
      `TZOFFSETTO:${formatUtcOffset(transition.offsetTo)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    );
  };
  if (initial) observance(initial, formatWallDateTime(initial.at, initial.offsetFrom));
  // No change in the year before: the offset has held since before any event, written as since 1970.
  else observance({ at: from, offsetFrom: startOffset, offsetTo: startOffset }, '19700101T000000');
  for (const transition of transitions) {
    observance(transition, formatWallDateTime(transition.at, transition.offsetFrom));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The local year of an instant in the zone (a VTIMEZONE covers local years). */
export function localYear(zoneName: string, instant: number): number {
  return localParts(ianaZone(zoneName), instant).year;
}
