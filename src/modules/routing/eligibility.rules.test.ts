import { describe, expect, it } from 'vitest';
import {
  capacityPeriodStart,
  decideEligibility,
  type EligibilityInput,
  isWithinWorkingHours,
  type WorkingHours,
} from './eligibility.rules.ts';

const workday = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '18:00' },
];
const parisHours: WorkingHours = {
  timezone: 'Europe/Paris',
  weekly: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
};

// Tuesday 2025-01-14 10:00 in Paris is 09:00 UTC (winter, +01:00).
const tuesdayMorning = new Date('2025-01-14T09:00:00Z');

const input = (overrides: Partial<EligibilityInput> = {}): EligibilityInput => ({
  user: { isActive: true },
  outOfOffice: [],
  workingHours: parisHours,
  respectWorkingHours: true,
  openLeads: 3,
  capacity: { maxOpenLeads: 10, periodDays: 30 },
  now: tuesdayMorning,
  ...overrides,
});

describe('decideEligibility', () => {
  it('lets an active rep, in office, within hours and under capacity take a lead', () => {
    expect(decideEligibility(input())).toEqual({ eligible: true });
  });

  it('gives the first reason found: inactive, out of office, outside hours, at capacity', () => {
    const everything = input({
      user: { isActive: false },
      outOfOffice: [{ start: '2025-01-13T00:00:00Z', end: '2025-01-20T00:00:00Z' }],
      now: new Date('2025-01-14T20:00:00Z'),
      openLeads: 10,
    });
    expect(decideEligibility(everything)).toEqual({ eligible: false, reason: 'inactive' });
    expect(decideEligibility({ ...everything, user: { isActive: true } })).toEqual({
      eligible: false,
      reason: 'out_of_office',
    });
    expect(decideEligibility({ ...everything, user: { isActive: true }, outOfOffice: [] })).toEqual({
      eligible: false,
      reason: 'outside_hours',
    });
    expect(decideEligibility(input({ openLeads: 10 }))).toEqual({ eligible: false, reason: 'at_capacity' });
  });

  it('counts out of office from its start included to its end excluded', () => {
    const period = { start: new Date('2025-01-14T09:00:00Z'), end: new Date('2025-01-14T10:00:00Z') };
    expect(decideEligibility(input({ outOfOffice: [period] })).eligible).toBe(false);
    expect(decideEligibility(input({ outOfOffice: [period], now: period.end })).eligible).toBe(true);
  });

  it('ignores working hours when the team does not respect them, or the rep has none', () => {
    const evening = new Date('2025-01-14T19:00:00Z');
    expect(decideEligibility(input({ now: evening })).eligible).toBe(false);
    expect(decideEligibility(input({ now: evening, respectWorkingHours: false })).eligible).toBe(true);
    expect(decideEligibility(input({ now: evening, workingHours: null })).eligible).toBe(true);
  });

  it('has no capacity limit without one', () => {
    expect(decideEligibility(input({ openLeads: 1000, capacity: null })).eligible).toBe(true);
    expect(decideEligibility(input({ openLeads: 9 })).eligible).toBe(true);
  });
});

describe('isWithinWorkingHours', () => {
  it("reads the hours in the rep's zone, summer time included", () => {
    // 18:00 Paris is 17:00 UTC in winter and 16:00 UTC in summer; the end is excluded.
    expect(isWithinWorkingHours(parisHours, new Date('2025-01-14T16:59:59Z'))).toBe(true);
    expect(isWithinWorkingHours(parisHours, new Date('2025-01-14T17:00:00Z'))).toBe(false);
    expect(isWithinWorkingHours(parisHours, new Date('2025-07-15T15:59:00Z'))).toBe(true);
    expect(isWithinWorkingHours(parisHours, new Date('2025-07-15T16:00:00Z'))).toBe(false);
    // The lunch break, and a Saturday.
    expect(isWithinWorkingHours(parisHours, new Date('2025-01-14T12:30:00Z'))).toBe(false);
    expect(isWithinWorkingHours(parisHours, new Date('2025-01-18T10:00:00Z'))).toBe(false);
  });

  it('uses the local weekday: Monday 08:00 in Tokyo is still Sunday in UTC', () => {
    const tokyo: WorkingHours = {
      timezone: 'Asia/Tokyo',
      weekly: { mon: [{ start: '08:00', end: '24:00' }] },
    };
    expect(isWithinWorkingHours(tokyo, new Date('2025-01-12T23:30:00Z'))).toBe(true);
    expect(isWithinWorkingHours(tokyo, new Date('2025-01-13T14:59:00Z'))).toBe(true);
    expect(isWithinWorkingHours(tokyo, new Date('2025-01-13T15:00:00Z'))).toBe(false);
  });

  it('lets a dated override replace the weekday, an empty one being a day off', () => {
    const holiday: WorkingHours = { ...parisHours, overrides: [{ date: '2025-01-14', intervals: [] }] };
    expect(isWithinWorkingHours(holiday, tuesdayMorning)).toBe(false);
    const saturdayShift: WorkingHours = {
      ...parisHours,
      overrides: [{ date: '2025-01-18', intervals: [{ start: '10:00', end: '13:00' }] }],
    };
    expect(isWithinWorkingHours(saturdayShift, new Date('2025-01-18T10:00:00Z'))).toBe(true);
  });

  it('reads hours with an unknown zone in Paris time', () => {
    expect(isWithinWorkingHours({ ...parisHours, timezone: 'Nowhere/Land' }, tuesdayMorning)).toBe(true);
  });
});

describe('capacityPeriodStart', () => {
  it('goes back the number of days of the period', () => {
    expect(capacityPeriodStart(tuesdayMorning, 7).toISOString()).toBe('2025-01-07T09:00:00.000Z');
  });
});
