import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from '../access/access.tables.ts';
import { leads } from '../leads/leads.tables.ts';

/** A team of reps that leads are shared between by weighted round-robin. */
export const teams = pgTable(
  'teams',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    // Skip reps outside their working hours (from their availability) when true.
    respectWorkingHours: boolean('respect_working_hours').notNull().default(true),
    // The round-robin position, persisted so every process and restart continues the same order.
    roundRobinState: jsonb('round_robin_state').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('teams_slug_idx').on(table.workspaceId, table.slug)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    weight: integer('weight').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.userId] })],
);

/** Ordered rules: the first whose conditions match sends the lead to its team or rep. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    priority: integer('priority').notNull(),
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull(),
    targetTeamId: text('target_team_id').references(() => teams.id),
    targetUserId: text('target_user_id').references(() => users.id),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('routing_rules_workspace_idx').on(table.workspaceId, table.priority)],
);

/** Fallback owner and capacity limits of a workspace. */
export const routingSettings = pgTable('routing_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  fallbackUserId: text('fallback_user_id').references(() => users.id),
  // { maxOpenLeads, periodDays } or null: no capacity limit.
  capacity: jsonb('capacity').$type<{ maxOpenLeads: number; periodDays: number } | null>(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Every assignment with its trace (rule matched, reps skipped and why): the routing history. */
export const leadAssignments = pgTable(
  'lead_assignments',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    ownerId: text('owner_id'),
    previousOwnerId: text('previous_owner_id'),
    decidedBy: text('decided_by').notNull(),
    trace: jsonb('trace').$type<Record<string, unknown>>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('lead_assignments_lead_idx').on(table.workspaceId, table.leadId, table.at),
    index('lead_assignments_owner_idx')
      .on(table.workspaceId, table.ownerId, table.at)
      .where(sql`${table.ownerId} IS NOT NULL`),
  ],
);
