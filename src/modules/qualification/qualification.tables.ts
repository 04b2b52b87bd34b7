import { boolean, index, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaces } from '../access/access.tables.ts';
import { leads } from '../leads/leads.tables.ts';

export const BANT_FIELDS = ['budget', 'authority', 'need', 'timeline'] as const;
export type BantField = (typeof BANT_FIELDS)[number];

export const BANT_SOURCES = ['form', 'message', 'user', 'import', 'api', 'agent'] as const;
export type BantSource = (typeof BANT_SOURCES)[number];

/**
 * Append-only history of BANT answers: a new value is a new row, never an update, so people can
 * see what was said, when and by whom. The current value of a field is its latest row.
 */
export const bantValues = pgTable(
  'bant_values',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    field: text('field', { enum: BANT_FIELDS }).notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    // 0..1: how sure the source is (a person typing it: 1; an extraction from a message: less).
    confidence: real('confidence').notNull(),
    source: text('source', { enum: BANT_SOURCES }).notNull(),
    // The form field name or the message id the value came from.
    sourceRef: text('source_ref'),
    actor: text('actor'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('bant_values_lead_idx').on(table.workspaceId, table.leadId, table.field, table.recordedAt),
  ],
);

export interface NeedCategory {
  name: string;
  /** Words or phrases that point at this category in a need's text (accent- and case-insensitive). */
  keywords: string[];
}

/** Per-workspace qualification settings; a workspace without a row uses the defaults. */
export const qualificationSettings = pgTable('qualification_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  needCategories: jsonb('need_categories').$type<NeedCategory[]>().notNull().default([]),
  // A fit score at or above this ticks the "ICP fit" box of the checklist.
  icpFitMinScore: real('icp_fit_min_score').notNull().default(30),
  isAutoLifecycle: boolean('is_auto_lifecycle').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
