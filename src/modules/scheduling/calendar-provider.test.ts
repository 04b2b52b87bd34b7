import { describe, expect, it } from 'vitest';
import type { Logger } from '../../platform/logger.ts';
import { buildBookingChange } from './booking-change.ts';
import {
  type BusyQuery,
  type CalendarProvider,
  noCalendarProvider,
  readBusyIntervals,
  ZBookingChange,
} from './calendar-provider.ts';

const query: BusyQuery = {
  workspaceId: 'wsp_1',
  userId: 'usr_1',
  from: new Date('2026-11-23T00:00:00Z'),
  to: new Date('2026-11-24T00:00:00Z'),
};

function recordingLogger() {
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }),
  } as unknown as Logger;
  return { logger, warnings };
}

function providerAnswering(answer: () => Promise<unknown>): CalendarProvider {
  return {
    name: 'test',
    busyIntervals: answer as CalendarProvider['busyIntervals'],
    publishBookingChange: async () => {},
  };
}

describe('readBusyIntervals', () => {
  it('returns the busy times overlapping the query and drops malformed or outside ones', async () => {
    const { logger, warnings } = recordingLogger();
    const meeting = { start: new Date('2026-11-23T09:00:00Z'), end: new Date('2026-11-23T10:00:00Z') };
    const provider = providerAnswering(async () => [
      meeting,
      { start: new Date('2026-11-25T09:00:00Z'), end: new Date('2026-11-25T10:00:00Z') },
      { start: new Date('2026-11-23T11:00:00Z'), end: new Date('2026-11-23T11:00:00Z') },
      { start: '2026-11-23T12:00:00Z', end: '2026-11-23T13:00:00Z' },
      null,
    ]);
    expect(await readBusyIntervals(provider, query, { logger, timeoutMs: 1_000 })).toEqual([meeting]);
    expect(warnings).toEqual([]);
  });

  it('reads a failing calendar as no busy time and logs why', async () => {
    const { logger, warnings } = recordingLogger();
    const provider = providerAnswering(async () => {
      throw new Error('calendar down');
    });
    expect(await readBusyIntervals(provider, query, { logger, timeoutMs: 1_000 })).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({ provider: 'test', userId: 'usr_1', err: 'calendar down' });
  });

  it('stops waiting for a calendar that does not answer within the bound', async () => {
    const { logger, warnings } = recordingLogger();
    const provider = providerAnswering(() => new Promise(() => {}));
    const started = Date.now();
    expect(await readBusyIntervals(provider, query, { logger, timeoutMs: 50 })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warnings[0]!.fields.err).toBe('no answer within 50 ms');
  });

  it('reads an answer that is not a list as no busy time', async () => {
    const { logger, warnings } = recordingLogger();
    const provider = providerAnswering(async () => ({ busy: [] }));
    expect(await readBusyIntervals(provider, query, { logger, timeoutMs: 1_000 })).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('does not ask the default provider', async () => {
    const { logger } = recordingLogger();
    expect(await readBusyIntervals(noCalendarProvider, query, { logger, timeoutMs: 1 })).toEqual([]);
  });
});

describe('buildBookingChange', () => {
  const booking = {
    id: 'bkg_new',
    workspaceId: 'wsp_1',
    userId: 'usr_1',
    leadId: 'lead_1',
    startAt: new Date('2026-11-24T09:00:00Z'),
    endAt: new Date('2026-11-24T09:30:00Z'),
    sequence: 0,
  };
  const parties = {
    rep: { email: 'rep@chaud.test', name: 'Rep', timezone: 'Europe/Paris' },
    lead: { firstName: 'Nora', lastName: 'Petit', email: 'nora@client.fr', phone: null },
    meetingType: {
      name: 'Découverte',
      description: null,
      location: { kind: 'video', urlTemplate: 'https://meet.example.com/{{bookingId}}' },
    },
  };

  it('describes a reschedule with the invitation uids and the booking it replaces', () => {
    const change = buildBookingChange({
      ...parties,
      kind: 'rescheduled',
      booking,
      previous: { ...booking, id: 'bkg_old', sequence: 1, startAt: new Date('2026-11-24T08:00:00Z') },
    });
    expect(change).toMatchObject({
      kind: 'rescheduled',
      bookingId: 'bkg_new',
      summary: 'Découverte — Nora Petit / Rep',
      description: 'Découverte',
      url: 'https://meet.example.com/bkg_new',
      leadEmail: 'nora@client.fr',
      repEmail: 'rep@chaud.test',
      timezone: 'Europe/Paris',
      icsUid: 'bkg_new@chaud',
      icsSequence: 0,
      previous: { bookingId: 'bkg_old', icsUid: 'bkg_old@chaud', icsSequence: 1 },
    });
  });

  it('survives the JSON round trip of the outbox with its instants intact', () => {
    const change = buildBookingChange({ ...parties, kind: 'booked', booking, lead: null });
    expect(change.leadName).toBe('Lead');
    const stored = JSON.parse(JSON.stringify(change));
    expect(ZBookingChange.parse(stored)).toEqual(change);
  });
});
