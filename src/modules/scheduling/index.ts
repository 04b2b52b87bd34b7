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
export { buildBookingChange, queueCalendarChange } from './booking-change.ts';
export { renderNobodyAvailablePage, renderTeamDetailsPage } from './booking-details.page.ts';
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
export { BOOKING_PAGE_CONSENT, renderInvalidLinkPage } from './booking-pages.ts';
// Signed links: reschedule/cancel a booking; a rep's private calendar feed.
export {
  type BookingAction,
  type BookingTokenPayload,
  type FeedTokenPayload,
  type LeadBookingTokenPayload,
  signBookingToken,
  signFeedToken,
  signLeadBookingToken,
  verifyBookingToken,
  verifyFeedToken,
  verifyLeadBookingToken,
} from './booking-token.rules.ts';
export { calendarFeedRoutes } from './calendar-feed.routes.ts';
// External calendars (Google, Microsoft…) behind one interface: busy times in, booking changes out.
export {
  BOOKING_CHANGE_KINDS,
  type BookingChange,
  type BookingChangeKind,
  type BusyInterval,
  type BusyQuery,
  CALENDAR_CHANGE_EFFECT,
  type CalendarProvider,
  calendarProviderOf,
  DEFAULT_BUSY_TIMEOUT_MS,
  externalBusyAround,
  externalBusyOf,
  installCalendarProvider,
  isCalendarConnected,
  noCalendarProvider,
  ZBookingChange,
} from './calendar-provider.ts';
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
