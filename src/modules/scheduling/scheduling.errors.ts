import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { formatIssuePath } from '../../platform/issue-path.ts';

export const schedulingErrors = {
  userNotFound: (userId: string) => new NotFoundError('USER_NOT_FOUND', `User ${userId} does not exist.`),
  notYours: () =>
    new ForbiddenError('AVAILABILITY_FORBIDDEN', 'Only an admin may change another member’s availability.'),
  meetingTypeNotFound: (id: string) =>
    new NotFoundError('MEETING_TYPE_NOT_FOUND', `Meeting type ${id} does not exist.`),
  meetingTypeSlugTaken: (slug: string) =>
    new ConflictError('MEETING_TYPE_SLUG_TAKEN', `A meeting type already uses the slug "${slug}".`),
  bookingNotFound: (id: string) => new NotFoundError('BOOKING_NOT_FOUND', `Booking ${id} does not exist.`),
  /** Someone else took the time (or the day is full) between the slot list and the booking. */
  slotTaken: (reason: string) =>
    new ConflictError('BOOKING_SLOT_TAKEN', 'This time is no longer free: choose another slot.', { reason }),
  /** The time was never bookable: outside working hours, too soon, out of office. */
  slotUnavailable: (reason: string) =>
    new ValidationError(`This time cannot be booked (${reason}).`, { reason }, 'BOOKING_SLOT_UNAVAILABLE'),
  bookingClosed: (status: string) =>
    new ConflictError('BOOKING_NOT_CONFIRMED', `This booking is ${status}: it cannot be changed any more.`),
};

/** Zod issues as one VALIDATION error whose details name each path (`weekly.mon[1].end`). */
export function issuesToError(
  issues: { path: PropertyKey[]; message: string }[],
  code: string,
): ValidationError {
  const details = issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  return new ValidationError(
    details.map((detail) => `${detail.path}: ${detail.message}`).join('; '),
    details,
    code,
  );
}
