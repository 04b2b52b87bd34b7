import { describe, expect, it } from 'vitest';
import { type BookingIcsInput, buildBookingIcs, buildFeedIcs } from './ics.rules.ts';

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** RFC 5545 read back simply: CRLF lines, continuation lines (one leading space) joined, then split. */
function parseIcs(text: string): Property[] {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const physical = text.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical.map((line) => {
    // The value starts after the first colon outside a quoted parameter value.
    let quoted = false;
    let colon = -1;
    for (let index = 0; index < line.length && colon < 0; index++) {
      if (line[index] === '"') quoted = !quoted;
      else if (line[index] === ':' && !quoted) colon = index;
    }
    const [name = '', ...params] = line.slice(0, colon).split(';');
    return {
      name,
      params: Object.fromEntries(params.map((param) => param.split('=') as [string, string])),
      value: line.slice(colon + 1),
    };
  });
}

const unescapeText = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));

const values = (properties: Property[], name: string) =>
  properties.filter((item) => item.name === name).map((item) => item.value);

/** The properties between BEGIN:<component> and its END, each occurrence. */
function components(properties: Property[], component: string): Property[][] {
  const found: Property[][] = [];
  let current: Property[] | null = null;
  for (const property of properties) {
    if (property.name === 'BEGIN' && property.value === component) current = [];
    else if (property.name === 'END' && property.value === component && current) {
      found.push(current);
      current = null;
    } else current?.push(property);
  }
  return found;
}

const booking: BookingIcsInput = {
  uid: 'bkg_01@chaud.example',
  sequence: 0,
  method: 'REQUEST',
  start: new Date('2026-03-30T07:30:00Z'),
  end: new Date('2026-03-30T08:00:00Z'),
  timezone: 'Europe/Paris',
  summary: 'Discovery call; Chaud, "Acme" \\ Zoé',
  description: 'Line one\nLine two\r\nReschedule: https://app.example/book/manage/abc',
  location: 'https://meet.example.com/bkg_01',
  organizer: { name: 'Camille Rep', email: 'camille@chaud.example' },
  attendees: [
    { name: 'Zoé "Z" Lead', email: 'zoe@acme.example' },
    { email: 'camille@chaud.example', role: 'CHAIR' },
  ],
  url: 'https://app.example/book/manage/abc',
  now: new Date('2026-03-20T10:11:12.345Z'),
};

describe('buildBookingIcs', () => {
  it('writes an RFC 5545 invitation that reads back with every field', () => {
    const properties = parseIcs(buildBookingIcs(booking));
    expect(properties[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(properties.at(-1)).toMatchObject({ name: 'END', value: 'VCALENDAR' });
    expect(values(properties, 'VERSION')).toEqual(['2.0']);
    expect(values(properties, 'PRODID')).toEqual(['-//Chaud//Scheduling 1.0//EN']);
    expect(values(properties, 'CALSCALE')).toEqual(['GREGORIAN']);
    expect(values(properties, 'METHOD')).toEqual(['REQUEST']);
    const [event] = components(properties, 'VEVENT');
    const field = (name: string) => event?.find((item) => item.name === name);
    expect(field('UID')?.value).toBe('bkg_01@chaud.example');
    expect(field('SEQUENCE')?.value).toBe('0');
    expect(field('DTSTAMP')?.value).toBe('20260320T101112Z');
    expect(field('DTSTART')).toEqual({
      name: 'DTSTART',
      params: { TZID: 'Europe/Paris' },
      value: '20260330T093000',
    });
    expect(field('DTEND')).toEqual({
      name: 'DTEND',
      params: { TZID: 'Europe/Paris' },
      value: '20260330T100000',
    });
    expect(unescapeText(field('SUMMARY')?.value ?? '')).toBe(booking.summary);
    expect(unescapeText(field('DESCRIPTION')?.value ?? '')).toBe(
      'Line one\nLine two\nReschedule: https://app.example/book/manage/abc',
    );
    expect(field('LOCATION')?.value).toBe('https://meet.example.com/bkg_01');
    expect(field('URL')?.value).toBe('https://app.example/book/manage/abc');
    expect(field('STATUS')?.value).toBe('CONFIRMED');
    expect(field('ORGANIZER')).toEqual({
      name: 'ORGANIZER',
      params: { CN: '"Camille Rep"' },
      value: 'mailto:camille@chaud.example',
    });
    expect(event?.filter((item) => item.name === 'ATTENDEE')).toEqual([
      {
        name: 'ATTENDEE',
        params: { CN: `"Zoé 'Z' Lead"`, ROLE: 'REQ-PARTICIPANT', PARTSTAT: 'NEEDS-ACTION', RSVP: 'TRUE' },
        value: 'mailto:zoe@acme.example',
      },
      {
        name: 'ATTENDEE',
        params: { ROLE: 'CHAIR', PARTSTAT: 'NEEDS-ACTION', RSVP: 'TRUE' },
        value: 'mailto:camille@chaud.example',
      },
    ]);
    expect(components(properties, 'VTIMEZONE')).toHaveLength(1);
  });

  it('escapes backslash, semicolon, comma and line breaks in TEXT values', () => {
    const text = buildBookingIcs(booking);
    expect(text.replace(/\r\n /g, '')).toContain('SUMMARY:Discovery call\\; Chaud\\, "Acme" \\\\ Zoé\r\n');
    expect(text.replace(/\r\n /g, '')).toContain('DESCRIPTION:Line one\\nLine two\\nReschedule:');
  });

  it('folds at 75 octets without splitting a multi-byte character, and unfolds to the original', () => {
    const description = `Réunion ☕ avec l'équipe 🚀 — ${'déjà vu, ça va; '.repeat(20)}fin`;
    const text = buildBookingIcs({ ...booking, description });
    const lines = text.slice(0, -2).split('\r\n');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const line of lines) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(decoder.decode(bytes)).toBe(line); // each physical line is whole UTF-8
    }
    const folded = lines.filter((line) => line.startsWith(' '));
    expect(folded.length).toBeGreaterThan(5);
    // Multi-byte characters push some lines below 75 octets rather than splitting them.
    expect(lines.some((line) => Buffer.byteLength(line) === 75)).toBe(true);
    const property = parseIcs(text).find((item) => item.name === 'DESCRIPTION');
    expect(unescapeText(property?.value ?? '')).toBe(description);
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED and the raised SEQUENCE', () => {
    const properties = parseIcs(buildBookingIcs({ ...booking, method: 'CANCEL', sequence: 2 }));
    expect(values(properties, 'METHOD')).toEqual(['CANCEL']);
    expect(values(properties, 'STATUS')).toEqual(['CANCELLED']);
    expect(values(properties, 'SEQUENCE')).toEqual(['2']);
    expect(values(properties, 'UID')).toEqual([booking.uid]);
  });

  it('writes a time that exists twice (second occurrence) in UTC, since a TZID time means the first', () => {
    // 02:00+02:00 → 02:00+01:00 on 25 October in Paris: one real hour.
    const event = components(
      parseIcs(
        buildBookingIcs({
          ...booking,
          start: new Date('2026-10-25T00:00:00Z'),
          end: new Date('2026-10-25T01:00:00Z'),
        }),
      ),
      'VEVENT',
    )[0];
    expect(event?.find((item) => item.name === 'DTSTART')).toMatchObject({
      params: { TZID: 'Europe/Paris' },
      value: '20261025T020000',
    });
    expect(event?.find((item) => item.name === 'DTEND')).toEqual({
      name: 'DTEND',
      params: {},
      value: '20261025T010000Z',
    });
  });

  it('refuses what would corrupt the calendar: a line break in an address, an empty UID, end before start', () => {
    expect(() =>
      buildBookingIcs({
        ...booking,
        attendees: [{ email: 'zoe@acme.example\r\nATTENDEE:mailto:x@evil.example' }],
      }),
    ).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...booking, uid: ' ' })).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...booking, end: booking.start })).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...booking, timezone: 'Mars/Olympus' })).toThrow(RangeError);
    const properties = parseIcs(
      buildBookingIcs({ ...booking, organizer: { name: 'Eve\r\nATTENDEE:x', email: 'e@x.example' } }),
    );
    expect(values(properties, 'ATTENDEE')).toHaveLength(2);
  });
});

/** The observances of a VTIMEZONE as `KIND DTSTART FROM→TO`. */
function observances(text: string, zone: string): string[] {
  const timezone = components(parseIcs(text), 'VTIMEZONE').find((item) =>
    item.some((property) => property.name === 'TZID' && property.value === zone),
  );
  const lines: string[] = [];
  let kind = '';
  for (const property of timezone ?? []) {
    if (property.name === 'BEGIN') kind = property.value;
    if (property.name === 'DTSTART') lines.push(`${kind} ${property.value}`);
    if (property.name === 'TZOFFSETFROM') lines[lines.length - 1] += ` ${property.value}`;
    if (property.name === 'TZOFFSETTO') lines[lines.length - 1] += `→${property.value}`;
  }
  return lines;
}

describe('VTIMEZONE', () => {
  it('Europe/Paris 2026: in force on 1 January, then the March and October changes', () => {
    expect(observances(buildBookingIcs(booking), 'Europe/Paris')).toEqual([
      'STANDARD 20251026T030000 +0200→+0100',
      'DAYLIGHT 20260329T020000 +0100→+0200',
      'STANDARD 20261025T030000 +0200→+0100',
    ]);
  });

  it('America/New_York 2026, with EST/EDT names', () => {
    const text = buildBookingIcs({ ...booking, timezone: 'America/New_York' });
    expect(observances(text, 'America/New_York')).toEqual([
      'STANDARD 20251102T020000 -0400→-0500',
      'DAYLIGHT 20260308T020000 -0500→-0400',
      'STANDARD 20261101T020000 -0400→-0500',
    ]);
    expect(values(parseIcs(text), 'TZNAME')).toEqual(['EST', 'EDT', 'EST']);
    expect(values(parseIcs(text), 'DTSTART').at(-1)).toBe('20260330T033000');
  });

  it('a zone without daylight saving has one observance', () => {
    expect(observances(buildBookingIcs({ ...booking, timezone: 'Asia/Kolkata' }), 'Asia/Kolkata')).toEqual([
      'STANDARD 19700101T000000 +0530→+0530',
    ]);
  });
});

describe('buildFeedIcs', () => {
  it('lists every event, no METHOD, one VTIMEZONE per zone covering all their years', () => {
    const { method: _method, ...event } = booking;
    const text = buildFeedIcs(
      [
        event,
        {
          ...event,
          uid: 'bkg_02',
          start: new Date('2027-01-05T09:00:00Z'),
          end: new Date('2027-01-05T09:30:00Z'),
        },
        { ...event, uid: 'bkg_03', timezone: 'America/New_York', status: 'CANCELLED' },
      ],
      { calendarName: 'Camille, meetings' },
    );
    const properties = parseIcs(text);
    expect(values(properties, 'METHOD')).toEqual([]);
    expect(values(properties, 'X-WR-CALNAME')).toEqual(['Camille\\, meetings']);
    expect(values(properties, 'UID')).toEqual(['bkg_01@chaud.example', 'bkg_02', 'bkg_03']);
    expect(values(properties, 'STATUS')).toEqual(['CONFIRMED', 'CONFIRMED', 'CANCELLED']);
    expect(values(properties, 'TZID')).toEqual(['Europe/Paris', 'America/New_York']);
    expect(observances(text, 'Europe/Paris')).toEqual([
      'STANDARD 20251026T030000 +0200→+0100',
      'DAYLIGHT 20260329T020000 +0100→+0200',
      'STANDARD 20261025T030000 +0200→+0100',
      'DAYLIGHT 20270328T020000 +0100→+0200',
      'STANDARD 20271031T030000 +0200→+0100',
    ]);
    // A feed is published, not sent: nobody is asked to reply.
    expect(text).not.toContain('RSVP=TRUE');
  });

  it('is a valid empty calendar without events', () => {
    expect(buildFeedIcs([])).toBe(
      'BEGIN:VCALENDAR\r\nPRODID:-//Chaud//Scheduling 1.0//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n',
    );
  });
});
