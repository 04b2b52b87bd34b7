import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  DEFAULT_SEND_WINDOW,
  isInsideWindow,
  isUnderDailyCap,
  nextLocalTime,
  nextSendTime,
  plannedSendTime,
  type SendWindow,
  waitUntil,
} from './send-window.rules.ts';

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const local = (date: Date, zone: string) =>
  DateTime.fromJSDate(date).setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm ZZ');
const everyDay: SendWindow = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  start: '09:00',
  end: '19:00',
};
const window = DEFAULT_SEND_WINDOW;

describe('isInsideWindow and nextSendTime at the edges', () => {
  it('opens at 09:00 exactly and closes at 19:00 exactly', () => {
    const opening = at('2026-06-01T09:00', PARIS);
    expect(isInsideWindow(opening, window, PARIS)).toBe(true);
    expect(nextSendTime(opening, window, PARIS)).toBe(opening);
    expect(isInsideWindow(at('2026-06-01T18:59:59.999', PARIS), window, PARIS)).toBe(true);
    const closing = at('2026-06-01T19:00', PARIS);
    expect(isInsideWindow(closing, window, PARIS)).toBe(false);
    expect(local(nextSendTime(closing, window, PARIS), PARIS)).toBe('Tue 2026-06-02 09:00 +02:00');
  });

  it('waits for the opening of the same morning', () => {
    expect(local(nextSendTime(at('2026-06-01T08:59', PARIS), window, PARIS), PARIS)).toBe(
      'Mon 2026-06-01 09:00 +02:00',
    );
  });

  it('sends a Friday 19:30 message on Monday 09:00', () => {
    expect(local(nextSendTime(at('2026-06-05T19:30', PARIS), window, PARIS), PARIS)).toBe(
      'Mon 2026-06-08 09:00 +02:00',
    );
  });

  it('sends at once with no window', () => {
    const now = at('2026-06-06T03:00', PARIS);
    expect(isInsideWindow(now, null, PARIS)).toBe(true);
    expect(nextSendTime(now, null, PARIS)).toBe(now);
  });

  it('reads the window in the lead zone, not the server one', () => {
    // 09:00 in Paris is 03:00 in New York: closed there until 09:00 New York time.
    const now = at('2026-06-01T09:00', PARIS);
    expect(isInsideWindow(now, window, NEW_YORK)).toBe(false);
    expect(nextSendTime(now, window, NEW_YORK).toISOString()).toBe('2026-06-01T13:00:00.000Z');
  });

  it('finds a window open on one day only a week ahead', () => {
    const saturdays = { days: ['sat' as const], start: '10:00', end: '12:00' };
    expect(local(nextSendTime(at('2026-06-06T12:00', PARIS), saturdays, PARIS), PARIS)).toBe(
      'Sat 2026-06-13 10:00 +02:00',
    );
  });
});

describe('window openings across DST changes', () => {
  it('Paris, spring (2026-03-29): Friday evening → Monday 09:00 in summer time', () => {
    const opening = nextSendTime(at('2026-03-27T19:30', PARIS), window, PARIS);
    expect(local(opening, PARIS)).toBe('Mon 2026-03-30 09:00 +02:00');
    expect(opening.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Paris, spring: on the change day itself the opening is 09:00 summer time', () => {
    const opening = nextSendTime(at('2026-03-29T01:30', PARIS), everyDay, PARIS);
    expect(opening.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    // A window starting in the missing hour opens when the clocks have jumped.
    const early = { ...everyDay, start: '02:30' };
    expect(local(nextSendTime(at('2026-03-29T01:30', PARIS), early, PARIS), PARIS)).toBe(
      'Sun 2026-03-29 03:30 +02:00',
    );
  });

  it('Paris, autumn (2026-10-25): Friday evening → Monday 09:00 in winter time', () => {
    const opening = nextSendTime(at('2026-10-23T19:30', PARIS), window, PARIS);
    expect(opening.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    const sunday = nextSendTime(at('2026-10-25T01:00', PARIS), everyDay, PARIS);
    expect(sunday.toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('New York, spring (2026-03-08) and autumn (2026-11-01)', () => {
    expect(nextSendTime(at('2026-03-06T19:30', NEW_YORK), window, NEW_YORK).toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(nextSendTime(at('2026-03-08T01:00', NEW_YORK), everyDay, NEW_YORK).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(nextSendTime(at('2026-10-30T19:30', NEW_YORK), window, NEW_YORK).toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
    expect(nextSendTime(at('2026-11-01T01:30', NEW_YORK), everyDay, NEW_YORK).toISOString()).toBe(
      '2026-11-01T14:00:00.000Z',
    );
  });
});

describe('daily cap', () => {
  it('counts against the cap; no cap always fits', () => {
    expect(isUnderDailyCap(1, 2)).toBe(true);
    expect(isUnderDailyCap(2, 2)).toBe(false);
    expect(isUnderDailyCap(50, null)).toBe(true);
    expect(isUnderDailyCap(50, undefined)).toBe(true);
  });

  it('moves a send to the next opening of another day once today is full', () => {
    const morning = at('2026-06-01T08:00', PARIS);
    expect(local(plannedSendTime(morning, window, PARIS, { sentToday: 1, dailyCap: 2 }), PARIS)).toBe(
      'Mon 2026-06-01 09:00 +02:00',
    );
    expect(local(plannedSendTime(morning, window, PARIS, { sentToday: 2, dailyCap: 2 }), PARIS)).toBe(
      'Tue 2026-06-02 09:00 +02:00',
    );
    // Friday evening: the next opening is Monday, a new day, whatever Friday's count.
    const friday = at('2026-06-05T20:00', PARIS);
    expect(local(plannedSendTime(friday, window, PARIS, { sentToday: 9, dailyCap: 2 }), PARIS)).toBe(
      'Mon 2026-06-08 09:00 +02:00',
    );
  });
});

describe('waitUntil', () => {
  it('P1D is the same local time the next day across both Paris changes', () => {
    const spring = waitUntil({ type: 'wait', duration: 'P1D' }, at('2026-03-28T20:00', PARIS), PARIS);
    expect(local(spring, PARIS)).toBe('Sun 2026-03-29 20:00 +02:00');
    const autumn = waitUntil({ type: 'wait', duration: 'P1D' }, at('2026-10-24T20:00', PARIS), PARIS);
    expect(local(autumn, PARIS)).toBe('Sun 2026-10-25 20:00 +01:00');
  });

  it('business days skip Saturday and Sunday and keep the local time across a change', () => {
    const friday = at('2026-03-27T10:00', PARIS);
    expect(local(addBusinessDays(friday, 2, PARIS), PARIS)).toBe('Tue 2026-03-31 10:00 +02:00');
    expect(local(waitUntil({ type: 'wait', businessDays: 1 }, friday, PARIS), PARIS)).toBe(
      'Mon 2026-03-30 10:00 +02:00',
    );
    const saturday = at('2026-10-31T10:00', NEW_YORK);
    expect(local(addBusinessDays(saturday, 1, NEW_YORK), NEW_YORK)).toBe('Mon 2026-11-02 10:00 -05:00');
    const wednesday = at('2026-03-04T16:00', NEW_YORK);
    expect(local(addBusinessDays(wednesday, 3, NEW_YORK), NEW_YORK)).toBe('Mon 2026-03-09 16:00 -04:00');
  });

  it('until is the next such local time strictly after now', () => {
    expect(local(nextLocalTime(at('2026-06-01T09:29', PARIS), '09:30', PARIS), PARIS)).toBe(
      'Mon 2026-06-01 09:30 +02:00',
    );
    expect(local(nextLocalTime(at('2026-06-01T09:30', PARIS), '09:30', PARIS), PARIS)).toBe(
      'Tue 2026-06-02 09:30 +02:00',
    );
    const spring = waitUntil({ type: 'wait', until: '09:30' }, at('2026-03-28T10:00', PARIS), PARIS);
    expect(spring.toISOString()).toBe('2026-03-29T07:30:00.000Z');
    const autumn = waitUntil({ type: 'wait', until: '09:30' }, at('2026-10-24T10:00', PARIS), PARIS);
    expect(autumn.toISOString()).toBe('2026-10-25T08:30:00.000Z');
    const newYork = waitUntil({ type: 'wait', until: '09:30' }, at('2026-03-07T22:00', NEW_YORK), NEW_YORK);
    expect(newYork.toISOString()).toBe('2026-03-08T13:30:00.000Z');
    const november = waitUntil({ type: 'wait', until: '09:30' }, at('2026-10-31T22:00', NEW_YORK), NEW_YORK);
    expect(november.toISOString()).toBe('2026-11-01T14:30:00.000Z');
  });

  it('a duration wait adds seconds exactly', () => {
    const now = new Date('2026-06-01T08:00:00Z');
    expect(waitUntil({ type: 'wait', duration: 'PT5S' }, now, PARIS).toISOString()).toBe(
      '2026-06-01T08:00:05.000Z',
    );
  });
});
