import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from '../access/access.tables.ts';

export interface TouchPoint {
  source: string | null;
  utm: { source?: string; medium?: string; campaign?: string; term?: string; content?: string };
  referrer: string | null;
  at: string;
}

export const leads = pgTable(
  'leads',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    firstName: text('first_name'),
    lastName: text('last_name'),
    jobTitle: text('job_title'),
    language: text('language'),
    country: text('country'),
    timezone: text('timezone'),
    email: text('email'),
    phone: text('phone'),
    whatsappId: text('whatsapp_id'),
    companyName: text('company_name'),
    companyDomain: text('company_domain'),
    companySize: text('company_size'),
    companyIndustry: text('company_industry'),
    firstTouch: jsonb('first_touch').$type<TouchPoint>(),
    lastTouch: jsonb('last_touch').$type<TouchPoint>(),
    source: text('source'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    stage: text('stage').notNull().default('lead'),
    temperature: text('temperature').notNull().default('cold'),
    score: real('score').notNull().default(0),
    fitScore: real('fit_score').notNull().default(0),
    engagementScore: real('engagement_score').notNull().default(0),
    ownerId: text('owner_id'),
    // Set when this lead was merged into another: the record stays for history, reads follow the pointer.
    mergedIntoId: text('merged_into_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('leads_workspace_created_idx').on(table.workspaceId, table.createdAt, table.id),
    index('leads_workspace_score_idx').on(table.workspaceId, table.score),
    // The list sorts by last update too: without it a 100k-lead workspace sorts every row (~100 ms).
    index('leads_workspace_updated_idx').on(table.workspaceId, table.updatedAt, table.id),
    index('leads_workspace_stage_idx').on(table.workspaceId, table.stage),
    index('leads_workspace_owner_idx').on(table.workspaceId, table.ownerId),
    index('leads_workspace_domain_idx').on(table.workspaceId, table.companyDomain),
    index('leads_search_idx').using(
      'gin',
      sql`to_tsvector('simple', coalesce(${table.firstName}, '') || ' ' || coalesce(${table.lastName}, '') || ' ' || coalesce(${table.email}, '') || ' ' || coalesce(${table.companyName}, ''))`,
    ),
  ],
);

export const leadIdentities = pgTable(
  'lead_identities',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    kind: text('kind', { enum: ['email', 'phone', 'whatsapp', 'bsuid'] }).notNull(),
    value: text('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('lead_identities_unique').on(table.workspaceId, table.kind, table.value),
    index('lead_identities_lead_idx').on(table.leadId),
  ],
);

export const mergeProposals = pgTable(
  'merge_proposals',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    otherLeadId: text('other_lead_id')
      .notNull()
      .references(() => leads.id),
    // Which identities pointed at which lead, and the write that revealed the conflict.
    reason: jsonb('reason').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['open', 'accepted', 'rejected'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
  },
  (table) => [
    index('merge_proposals_workspace_idx').on(table.workspaceId, table.status),
    uniqueIndex('merge_proposals_open_pair_unique')
      .on(table.workspaceId, table.leadId, table.otherLeadId)
      .where(sql`status = 'open'`),
  ],
);

export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    // Insertion order: replaying a lead's events in this order rebuilds its state exactly.
    sequence: bigserial('sequence', { mode: 'number' }).notNull(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').notNull(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    actor: text('actor'),
    // Optional client-supplied key so a retried batch does not record an event twice.
    dedupKey: text('dedup_key'),
  },
  (table) => [
    index('events_lead_time_idx').on(table.workspaceId, table.leadId, table.occurredAt),
    index('events_workspace_type_idx').on(table.workspaceId, table.type, table.occurredAt),
    uniqueIndex('events_dedup_unique').on(table.workspaceId, table.dedupKey),
  ],
);

/** Named filter sets of the leads list: a user's own (`user_id`) or shared with the workspace (null). */
export const savedViews = pgTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    // A deleted user's own views go with them (demo data removes its passwordless reps).
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    sort: text('sort').notNull().default('-createdAt'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Null owners compare equal, so shared views also have unique names among themselves.
    unique('saved_views_name_unique').on(table.workspaceId, table.userId, table.name).nullsNotDistinct(),
  ],
);
