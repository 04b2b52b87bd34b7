import { index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaces } from '../access/access.tables.ts';
import { leads } from '../leads/leads.tables.ts';
import type { Contribution } from './grid/grid.engine.ts';
import type { ScoringRule, ScoringSettings } from './grid/grid.schemas.ts';

/** One scoring grid per workspace; every change bumps the version (score changes record it). */
export const scoringGrids = pgTable('scoring_grids', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  version: integer('version').notNull(),
  rules: jsonb('rules').$type<ScoringRule[]>().notNull(),
  settings: jsonb('settings').$type<ScoringSettings>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

export interface ScoreCause {
  kind: 'capture' | 'event' | 'grid_change' | 'decay' | 'manual' | 'model';
  eventIds?: string[];
  gridVersion: number;
}

/** Every change of a lead's score with its contributions: the explanation shown to people. */
export const scoreChanges = pgTable(
  'score_changes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    fit: real('fit').notNull(),
    engagement: real('engagement').notNull(),
    total: real('total').notNull(),
    previousTotal: real('previous_total').notNull(),
    contributions: jsonb('contributions').$type<Contribution[]>().notNull(),
    cause: jsonb('cause').$type<ScoreCause>().notNull(),
  },
  (table) => [index('score_changes_lead_idx').on(table.workspaceId, table.leadId, table.createdAt)],
);

/** Trained predictive models; at most one active per workspace. */
export const predictiveModels = pgTable(
  'predictive_models',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    status: text('status', { enum: ['active', 'archived'] }).notNull(),
    model: jsonb('model').$type<Record<string, unknown>>().notNull(),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    trainedOn: jsonb('trained_on').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('predictive_models_workspace_idx').on(table.workspaceId, table.status)],
);

/** A factor behind a prediction: a feature's value and its push in log-odds (positive raises it). */
export interface PredictionFactor {
  feature: string;
  value: string | null;
  contribution: number;
}

/** The active model's calibrated probability for each lead, with its top factors; one row per lead. */
export const leadPredictions = pgTable(
  'lead_predictions',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    modelId: text('model_id')
      .notNull()
      .references(() => predictiveModels.id, { onDelete: 'cascade' }),
    probability: real('probability').notNull(),
    factors: jsonb('factors').$type<PredictionFactor[]>().notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.leadId] }),
    index('lead_predictions_model_idx').on(table.workspaceId, table.modelId),
  ],
);
