import { ValidationError } from '../../platform/errors.ts';

export const analyticsErrors = {
  periodNotOrdered: (from: string, to: string) =>
    new ValidationError(
      `The period must start before it ends: from ${from} is not before to ${to}.`,
      { from, to },
      'ANALYTICS_PERIOD_NOT_ORDERED',
    ),
  periodTooLong: (days: number, maxDays: number) =>
    new ValidationError(
      `The period spans ${days} days; the dashboard covers at most ${maxDays} days (2 years).`,
      { days, maxDays },
      'ANALYTICS_PERIOD_TOO_LONG',
    ),
};
