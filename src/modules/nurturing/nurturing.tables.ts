import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { workspaces } from '../access/access.tables.ts';
import { leads } from '../leads/leads.tables.ts';

export const SEQUENCE_STATUSES = ['active', 'paused', 'archived'] as const;
export const ENROLLMENT_STATUSES = ['active', 'completed', 'exited'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** A sequence; its steps live in versions, so running enrolments keep the version they started on. */
export const sequences = pgTable(
  'sequences',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    // A default sequence shipped with the workspace ('agent_follow_up', 'warm_nurture', 'post_demo').
    systemKey: text('system_key'),
    status: text('status', { enum: SEQUENCE_STATUSES }).notNull().default('active'),
    currentVersion: integer('current_version').notNull(),
    // Copied from the current version's definition, so triggers are found without reading definitions.
    trigger: jsonb('trigger').$type<Record<string, unknown> | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('sequences_workspace_idx').on(table.workspaceId, table.status),
    uniqueIndex('sequences_system_key_idx')
      .on(table.workspaceId, table.systemKey)
      .where(sql`${table.systemKey} IS NOT NULL`),
  ],
);

/** Every saved definition of a sequence, never changed after it is written. */
export const sequenceVersions = pgTable(
  'sequence_versions',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    sequenceId: text('sequence_id')
      .notNull()
      .references(() => sequences.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
  },
  (table) => [primaryKey({ columns: [table.sequenceId, table.version] })],
);

/**
 * A lead going through one version of a sequence. `stepToken` changes at every move, so a job
 * planned for an earlier position (redelivered, or outrun by a goal) finds it stale and does nothing.
 */
export const enrollments = pgTable(
  'enrollments',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    sequenceId: text('sequence_id')
      .notNull()
      .references(() => sequences.id),
    version: integer('version').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    status: text('status', { enum: ENROLLMENT_STATUSES }).notNull(),
    exitReason: text('exit_reason'),
    currentStep: integer('current_step').notNull().default(0),
    stepToken: integer('step_token').notNull().default(0),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    enrolledBy: text('enrolled_by'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    // At most one active enrolment of a lead in a sequence, enforced by the database.
    uniqueIndex('enrollments_active_idx')
      .on(table.workspaceId, table.sequenceId, table.leadId)
      .where(sql`${table.status} = 'active'`),
    index('enrollments_lead_idx').on(table.workspaceId, table.leadId, table.status),
  ],
);

/** What happened at each step of an enrolment: the history and the per-step statistics. */
export const enrollmentSteps = pgTable(
  'enrollment_steps',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    sequenceId: text('sequence_id').notNull(),
    stepIndex: integer('step_index').notNull(),
    // entered, sent, skipped, delivered, opened, replied, booked, exited, completed, waited
    kind: text('kind').notNull(),
    // The outbound message a send step wrote, to count its delivery, opening and reply.
    messageId: text('message_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('enrollment_steps_enrollment_idx').on(table.enrollmentId, table.at),
    index('enrollment_steps_stats_idx').on(table.workspaceId, table.sequenceId, table.stepIndex, table.kind),
  ],
);

/** Message templates of a workspace (the shipped defaults apply until a template of the same name is saved). */
export const messageTemplates = pgTable(
  'message_templates',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    template: jsonb('template').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.name] })],
);

/**
 * Per-workspace sending rules of sequences (each sequence has its own send window); a workspace
 * without a row uses the defaults.
 */
export const nurturingSettings = pgTable('nurturing_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  // Sequence messages one lead may receive per local day, all sequences together.
  dailyCapPerLead: integer('daily_cap_per_lead').notNull().default(2),
  timezone: text('timezone').notNull().default('Europe/Paris'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
