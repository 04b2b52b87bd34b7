import { randomInt } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { updateLeadScoresFromSql } from '../leads/index.ts';
import { compileGridSql, type GridSqlScope } from './grid/grid.sql.ts';
import { type GridDocument, loadGrid } from './scoring.service.ts';
import type { ScoreCause } from './scoring.tables.ts';

/** A lead whose new score may move its temperature or stage: what qualification reassesses. */
export interface RescoredLead {
  leadId: string;
  fit: number;
  engagement: number;
  total: number;
  previousTotal: number;
}

export interface WorkspaceRescoreResult {
  gridVersion: number;
  /** Leads scored by the statement. */
  scored: number;
  /** Leads whose score changed and was written, each with a score_changes row. */
  changed: number;
  /**
   * Leads whose stored temperature differs from the band of the new score (or a hot signal), or
   * whose changed score reaches the lower lifecycle threshold. BANT is not read in SQL: a lead hot
   * by BANT alone shows up here and keeps its temperature once reassessed.
   */
  toReassess: RescoredLead[];
  /** Leads another transaction changed while this one ran: left to a lead-by-lead rescore. */
  skipped: string[];
  /** The greatest lead id scored: where the next keyset batch starts. */
  lastLeadId: string | null;
}

export interface WorkspaceRescoreOptions {
  /** The grid to apply; the saved one by default (pass it when it was just saved in this transaction). */
  grid?: GridDocument;
  scope?: Pick<GridSqlScope, 'leadIds' | 'afterLeadId' | 'limit'>;
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

type Row = {
  scored: number;
  changed: number;
  last_lead_id: string | null;
  skipped: string[];
  reassess: [string, number, number, number, number][];
};

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Runs a set-based statement with nested-loop joins off, in a transaction (a savepoint inside the
 * caller's). Right after a bulk import the planner's row estimates for the CTEs are tiny, and a
 * nested loop over a whole workspace is quadratic (seconds became minutes for 5,000 leads); hash
 * joins are right for every size these statements see. JIT goes off too: the cost penalty of a
 * disabled join type would otherwise trigger seconds of JIT compilation. Both are put back afterwards.
 */
export async function inSetBasedTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const [previous] = rowsOf<{ nestloop: string; jit: string }>(
      await tx.execute(
        sql`SELECT current_setting('enable_nestloop') AS nestloop, current_setting('jit') AS jit`,
      ),
    );
    await tx.execute(sql`SELECT set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`);
    const result = await work(tx);
    await tx.execute(
      sql`SELECT set_config('enable_nestloop', ${previous?.nestloop ?? 'on'}, true), set_config('jit', ${previous?.jit ?? 'off'}, true)`,
    );
    return result;
  });
}

/**
 * Rescores every lead of a workspace (or a batch of them) set-based: ONE statement computes the
 * new scores with the compiled grid SQL, writes the leads whose score changed and stores their
 * score_changes rows with contributions — no lead-by-lead round trips.
 */
export async function rescoreWorkspace(
  db: Database,
  workspaceId: string,
  cause: Omit<ScoreCause, 'gridVersion'>,
  now: Date,
  options: WorkspaceRescoreOptions = {},
): Promise<WorkspaceRescoreResult> {
  const grid = options.grid ?? (await loadGrid(db, workspaceId));
  const scores = compileGridSql(
    grid.rules,
    grid.settings,
    { workspaceId, nowMs: now.getTime(), ...options.scope },
    { withContributions: true, withTemperature: true },
  );
  const statement = rescoreStatement(workspaceId, scores, grid, cause, now);
  const [row] = await inSetBasedTransaction(db, async (tx) => rowsOf<Row>(await tx.execute(statement)));
  return {
    gridVersion: grid.version,
    scored: row?.scored ?? 0,
    changed: row?.changed ?? 0,
    skipped: row?.skipped ?? [],
    lastLeadId: row?.last_lead_id ?? null,
    toReassess: (row?.reassess ?? []).map(([leadId, fit, engagement, total, previousTotal]) => ({
      leadId,
      fit,
      engagement,
      total,
      previousTotal,
    })),
  };
}

function rescoreStatement(
  workspaceId: string,
  scores: SQL,
  grid: GridDocument,
  cause: Omit<ScoreCause, 'gridVersion'>,
  now: Date,
): SQL {
  // Ids keep the `scr_<time><random>` shape of newId: its time part, 6 random characters for this
  // statement, then a per-row counter in hex (hex digits are Crockford base32 digits too).
  const random = Array.from({ length: 6 }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join('');
  const idPrefix = `${newId('scr', now.getTime()).slice(0, 'scr_'.length + 10)}${random}`;
  const lowerThreshold = Math.min(grid.settings.thresholds.mql, grid.settings.thresholds.sql);
  return sql`
    WITH scores AS MATERIALIZED (${scores}),
    changed AS MATERIALIZED (
      SELECT * FROM scores
      WHERE stored_total IS DISTINCT FROM total::real OR stored_fit IS DISTINCT FROM fit::real
         OR stored_engagement IS DISTINCT FROM engagement::real),
    updated AS (${updateLeadScoresFromSql(workspaceId, 'changed', now)}),
    inserted AS (
      INSERT INTO score_changes (id, workspace_id, lead_id, created_at, fit, engagement, total, previous_total, contributions, cause)
      SELECT ${idPrefix}::text || lpad(to_hex(row_number() OVER (ORDER BY c.lead_id)), 10, '0'), ${workspaceId}::text, c.lead_id,
             ${now}::timestamptz, c.fit, c.engagement, c.total, c.stored_total, c.contributions, ${JSON.stringify({ ...cause, gridVersion: grid.version })}::jsonb
      FROM changed c JOIN updated u ON u.id = c.lead_id
      RETURNING lead_id)
    SELECT
      (SELECT count(*)::int FROM scores) AS scored,
      (SELECT count(*)::int FROM inserted) AS changed,
      (SELECT max(lead_id) FROM scores) AS last_lead_id,
      (SELECT coalesce(jsonb_agg(c.lead_id), '[]'::jsonb) FROM changed c WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.id = c.lead_id)) AS skipped,
      (SELECT coalesce(jsonb_agg(jsonb_build_array(s.lead_id, s.fit, s.engagement, s.total, s.stored_total)), '[]'::jsonb)
         FROM scores s
        WHERE s.temperature IS DISTINCT FROM s.stored_temperature
           OR (s.total >= ${lowerThreshold}::float8 AND s.stored_total IS DISTINCT FROM s.total::real)) AS reassess`;
}
