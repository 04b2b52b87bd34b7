import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { findVisibleLead, leads } from '../leads/index.ts';
import type { Contribution } from './grid/grid.engine.ts';
import { compileGridSql } from './grid/grid.sql.ts';
import { scoringErrors } from './scoring.errors.ts';
import { type GridDocument, loadGrid, saveGrid, validateGrid } from './scoring.service.ts';
import { type ScoreCause, scoreChanges, scoringGrids } from './scoring.tables.ts';
import { inSetBasedTransaction, rowsOf } from './workspace-rescore.service.ts';

/** What an edit proposes; validateGrid checks it whole, so error paths name the grid (`rules[3]…`). */
export interface GridProposal {
  rules: unknown;
  settings: unknown;
}

/**
 * Saves a new version of the grid from an edit of the current one, in `tx`. The grid row is locked
 * first so two concurrent edits apply one after the other instead of one overwriting the other.
 */
export async function editGrid(
  tx: Database,
  workspaceId: string,
  actorId: string | null,
  edit: (current: GridDocument) => GridProposal,
  now: Date,
): Promise<GridDocument> {
  await tx
    .select({ version: scoringGrids.version })
    .from(scoringGrids)
    .where(eq(scoringGrids.workspaceId, workspaceId))
    .for('update');
  const current = await loadGrid(tx, workspaceId);
  return saveGrid(tx, workspaceId, edit(current), actorId, now);
}

function indexOfRule(grid: GridDocument, ruleId: string): number {
  const index = grid.rules.findIndex((rule) => rule.id === ruleId);
  if (index < 0) throw scoringErrors.ruleNotFound(ruleId);
  return index;
}

/** The grid with one more rule (an id is made when the body has none). */
export function withAddedRule(grid: GridDocument, rule: Record<string, unknown>): GridProposal {
  return { rules: [...grid.rules, { ...rule, id: rule.id ?? newId('rule') }], settings: grid.settings };
}

/** The grid with one rule's top-level fields replaced; its id stays. */
export function withPatchedRule(
  grid: GridDocument,
  ruleId: string,
  patch: Record<string, unknown>,
): GridProposal {
  const index = indexOfRule(grid, ruleId);
  const rules: unknown[] = [...grid.rules];
  rules[index] = { ...grid.rules[index], ...patch, id: ruleId };
  return { rules, settings: grid.settings };
}

export function withoutRule(grid: GridDocument, ruleId: string): GridProposal {
  indexOfRule(grid, ruleId);
  return { rules: grid.rules.filter((rule) => rule.id !== ruleId), settings: grid.settings };
}

/** Leads a workspace rescore reads (merged records are history, not scored). */
export async function countScorableLeads(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), isNull(leads.mergedIntoId)));
  return Number(row?.total ?? 0);
}

export interface GridPreview {
  leads: number;
  changes: { from: string; to: string; count: number }[];
  unchanged: number;
}

/**
 * How many leads would change band if the proposal were saved, computed set-based and saving nothing.
 * Both sides are computed now with the same method (score bands plus hot-signal events; BANT
 * overrides are not read), so the counts show the effect of the edit alone, not of decay since the
 * last rescore.
 */
export async function previewGrid(
  db: Database,
  workspaceId: string,
  proposal: Partial<GridProposal>,
  now: Date,
): Promise<GridPreview> {
  const current = await loadGrid(db, workspaceId);
  const next = validateGrid({
    rules: proposal.rules ?? current.rules,
    settings: proposal.settings ?? current.settings,
  });
  const scope = { workspaceId, nowMs: now.getTime() };
  const rows = await inSetBasedTransaction(db, async (tx) =>
    rowsOf<{ from_band: string; to_band: string; count: number }>(
      await tx.execute(sql`
      WITH before AS MATERIALIZED (${compileGridSql(current.rules, current.settings, scope, { withTemperature: true })}),
      after AS MATERIALIZED (${compileGridSql(next.rules, next.settings, scope, { withTemperature: true })})
      SELECT before.temperature AS from_band, after.temperature AS to_band, count(*)::int AS count
      FROM before JOIN after USING (lead_id) GROUP BY 1, 2 ORDER BY 1, 2`),
    ),
  );
  const changes = rows
    .filter((row) => row.from_band !== row.to_band)
    .map((row) => ({ from: row.from_band, to: row.to_band, count: row.count }));
  const unchanged = rows
    .filter((row) => row.from_band === row.to_band)
    .reduce((sum, row) => sum + row.count, 0);
  return { leads: rows.reduce((sum, row) => sum + row.count, 0), changes, unchanged };
}

export interface ScoreChangeDto {
  at: string;
  fit: number;
  engagement: number;
  total: number;
  previousTotal: number;
  cause: ScoreCause;
}

export interface LeadScoreDto {
  leadId: string;
  fit: number;
  engagement: number;
  total: number;
  temperature: string;
  stage: string;
  /** When the stored score was computed (its last change); null when it never changed. */
  asOf: string | null;
  gridVersion: number | null;
  contributions: Contribution[];
  history: ScoreChangeDto[];
}

/** The stored score of a lead with the contributions of its last change and the recent changes. */
export async function getLeadScore(
  db: Database,
  actor: Actor,
  leadId: string,
  historyLimit = 20,
): Promise<LeadScoreDto> {
  const lead = await findVisibleLead(db, actor, leadId);
  const history = await db
    .select()
    .from(scoreChanges)
    .where(and(eq(scoreChanges.workspaceId, actor.workspaceId), eq(scoreChanges.leadId, lead.id)))
    .orderBy(desc(scoreChanges.createdAt), desc(scoreChanges.id))
    .limit(historyLimit);
  const latest = history[0];
  return {
    leadId: lead.id,
    fit: lead.fitScore,
    engagement: lead.engagementScore,
    total: lead.score,
    temperature: lead.temperature,
    stage: lead.stage,
    asOf: latest?.createdAt.toISOString() ?? null,
    gridVersion: latest?.cause.gridVersion ?? null,
    contributions: latest?.contributions ?? [],
    history: history.map((row) => ({
      at: row.createdAt.toISOString(),
      fit: row.fit,
      engagement: row.engagement,
      total: row.total,
      previousTotal: row.previousTotal,
      cause: row.cause,
    })),
  };
}
