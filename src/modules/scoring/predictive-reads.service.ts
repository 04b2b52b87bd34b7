import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { findVisibleLead } from '../leads/index.ts';
import type { GridProposal } from './grid-editing.service.ts';
import { freezeToGridPoints, type GridPoint, POINTS_PER_LOGIT } from './predictive/index.ts';
import { predictiveErrors } from './predictive.errors.ts';
import { findActiveModel, findPrediction, type PredictiveModelRow } from './predictive.repository.ts';
import { type ModelDto, readStoredModel, toModelDto } from './predictive.service.ts';
import {
  type FeatureNaming,
  FROZEN_RULE_PREFIX,
  type FrozenRules,
  toFrozenRules,
} from './predictive-freeze.rules.ts';
import type { GridDocument } from './scoring.service.ts';
import type { PredictionFactor } from './scoring.tables.ts';

/** Reading the workspace model: its metrics, a lead's prediction, its grid points, and a freeze plan. */

export interface LeadPredictionDto {
  leadId: string;
  modelId: string;
  probability: number;
  factors: PredictionFactor[];
  scoredAt: string;
}
export interface ModelGridPoints {
  modelId: string;
  /** 20 points double the odds: sigmoid(total / pointsPerLogit) ≈ probability. */
  pointsPerLogit: number;
  points: GridPoint[];
}
export interface FreezePlan extends FrozenRules {
  modelId: string;
  /** The grid edit: earlier frozen rules (`model-…`) replaced by these, every other rule kept. */
  edit: (current: GridDocument) => GridProposal;
}

async function requireActiveModel(db: Database, workspaceId: string): Promise<PredictiveModelRow> {
  const row = await findActiveModel(db, workspaceId);
  if (!row) throw predictiveErrors.modelNotFound();
  return row;
}

export async function getActiveModel(db: Database, workspaceId: string): Promise<ModelDto> {
  return toModelDto(await requireActiveModel(db, workspaceId));
}

/** A lead's prediction; 404 LEAD_NOT_FOUND when the actor cannot see the lead, PREDICTION_NOT_FOUND when unscored. */
export async function getLeadPrediction(
  db: Database,
  actor: Actor,
  leadId: string,
): Promise<LeadPredictionDto> {
  await findVisibleLead(db, actor, leadId);
  const row = await findPrediction(db, actor.workspaceId, leadId);
  if (!row) throw predictiveErrors.predictionNotFound(leadId);
  return {
    leadId: row.leadId,
    modelId: row.modelId,
    probability: row.probability,
    factors: row.factors,
    scoredAt: row.scoredAt.toISOString(),
  };
}

export async function getModelGridPoints(db: Database, workspaceId: string): Promise<ModelGridPoints> {
  const row = await requireActiveModel(db, workspaceId);
  return {
    modelId: row.id,
    pointsPerLogit: POINTS_PER_LOGIT,
    points: freezeToGridPoints(readStoredModel(row)),
  };
}

export async function planModelFreeze(db: Database, workspaceId: string): Promise<FreezePlan> {
  const row = await requireActiveModel(db, workspaceId);
  const naming: FeatureNaming = row.trainedOn.kind === 'csv' ? 'csv' : 'workspace';
  const frozen = toFrozenRules(freezeToGridPoints(readStoredModel(row)), naming);
  return {
    ...frozen,
    modelId: row.id,
    edit: (current) => ({
      rules: [...current.rules.filter((rule) => !rule.id.startsWith(FROZEN_RULE_PREFIX)), ...frozen.rules],
      settings: current.settings,
    }),
  };
}
