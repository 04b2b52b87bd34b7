import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users, workspaces } from '../access/access.tables.ts';
import { leads } from '../leads/leads.tables.ts';

/** A rep's working hours, overrides, out-of-office, buffers and limits (see availability.schemas.ts). */
export const availabilities = pgTable('availabilities', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  availability: jsonb('availability').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const meetingTypes = pgTable(
  'meeting_types',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    location: jsonb('location').$type<Record<string, unknown>>().notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('meeting_types_slug_idx').on(table.workspaceId, table.slug)],
);

export const BOOKING_STATUSES = ['confirmed', 'cancelled', 'held', 'no_show'] as const;

/**
 * A meeting between a lead and a rep. Two confirmed bookings of one rep never overlap: an exclusion
 * constraint in the migration (btree_gist) refuses the second, whatever the code does.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    meetingTypeId: text('meeting_type_id')
      .notNull()
      .references(() => meetingTypes.id),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }).notNull(),
    // The lead's zone when booked: invitations and reminders speak in it.
    leadTimezone: text('lead_timezone').notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('confirmed'),
    // RFC 5545 SEQUENCE: bumped by every reschedule or cancellation of the invitation.
    sequence: integer('sequence').notNull().default(0),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('bookings_user_idx').on(table.workspaceId, table.userId, table.startAt),
    index('bookings_lead_idx').on(table.workspaceId, table.leadId),
    index('bookings_confirmed_idx').on(table.userId, table.startAt).where(sql`${table.status} = 'confirmed'`),
  ],
);
