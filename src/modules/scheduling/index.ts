/** Scheduling: reps' availability, meeting types, bookable slots across DST, ICS invitations and feeds. */

// Availability body of PUT /api/v1/users/:id/availability, and the default week.
export {
  type Availability,
  type AvailabilityError,
  type AvailabilityInput,
  type DateOverride,
  DEFAULT_AVAILABILITY,
  type Interval,
  type OutOfOffice,
  parseAvailability,
  WEEKDAY_KEYS,
  type WeekdayKey,
  ZAvailabilityInput,
  ZTimeZone,
} from './availability.schemas.ts';
// Persistence, bookings and HTTP.
export {
  deleteAvailabilitiesForUsers,
  deleteBookingsForLeads,
  deleteMeetingTypeIfUnused,
  ensureMeetingType,
  recordBookingHistory,
} from './booking-history.service.ts';
export { bookingDto, bookingIcs, bookingIcsFor } from './booking-ics.ts';
export { bookingPagesRoutes } from './booking-pages.routes.ts';
// Signed links: reschedule/cancel a booking; a rep's private calendar feed.
export {
  type BookingAction,
  type BookingTokenPayload,
  type FeedTokenPayload,
  signBookingToken,
  signFeedToken,
  verifyBookingToken,
  verifyFeedToken,
} from './booking-token.rules.ts';
export { calendarFeedRoutes } from './calendar-feed.routes.ts';
// RFC 5545 text: invitation/cancellation e-mailed with a booking, and the subscription feed.
export {
  type AttendeeRole,
  type BookingIcsInput,
  buildBookingIcs,
  buildFeedIcs,
  type FeedIcsEvent,
  ICS_PRODID,
  type IcsAttendee,
  type IcsEvent,
  type IcsMethod,
  type IcsStatus,
} from './ics.rules.ts';
// Meeting types and where they happen.
export {
  describeMeetingLocation,
  type MeetingLocation,
  type MeetingTypeInput,
  renderVideoUrl,
  ZMeetingLocation,
  ZMeetingTypeInput,
} from './meeting-type.schemas.ts';
export { defaultMeetingType, findMeetingType, type MeetingTypeRow } from './meeting-types.service.ts';
// Reminder times of a booking.
export { type Reminder, type ReminderKind, reminderTimes } from './reminders.rules.ts';
export { schedulingErrors } from './scheduling.errors.ts';
export { schedulingRoutes } from './scheduling.routes.ts';
export {
  type BookingRow,
  findBooking,
  findWorkspaceUser,
  getAvailability,
  insertBooking,
  listFeedBookings,
  listSlots,
  updateBooking,
} from './scheduling.service.ts';
export { availabilities, bookings, meetingTypes } from './scheduling.tables.ts';
// Slots: computed in the rep's zone, formatted in the lead's; the same rules re-checked at booking time.
export {
  type Bookability,
  type BookabilityInput,
  computeSlots,
  DEFAULT_STEP_MINUTES,
  formatSlotInZone,
  isSlotBookable,
  MAX_RANGE_DAYS,
  SLOT_REJECTIONS,
  type SlotInput,
  type SlotRejection,
  type TimeRange,
} from './slots.rules.ts';
