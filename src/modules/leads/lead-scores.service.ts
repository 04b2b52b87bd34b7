import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';

export interface LeadScoreUpdate {
  leadId: string;
  fit: number;
  engagement: number;
  total: number;
}

/** Writes scores of many leads in one statement (scoring computes them; leads owns the table). */
export async function applyLeadScores(
  tx: Database,
  workspaceId: string,
  updates: LeadScoreUpdate[],
  now: Date,
): Promise<void> {
  if (updates.length === 0) return;
  const rows = sql.join(
    updates.map(
      (update) =>
        sql`(${update.leadId}, ${update.fit}::real, ${update.engagement}::real, ${update.total}::real)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE leads SET fit_score = v.fit, engagement_score = v.engagement, score = v.total, updated_at = ${now}
    FROM (VALUES ${rows}) AS v(id, fit, engagement, total)
    WHERE leads.id = v.id AND leads.workspace_id = ${workspaceId}`);
}

/** Writes temperatures of many leads in one statement (qualification decides them). */
export async function applyLeadTemperatures(
  tx: Database,
  workspaceId: string,
  updates: { leadId: string; temperature: string }[],
  now: Date,
): Promise<void> {
  if (updates.length === 0) return;
  const rows = sql.join(
    updates.map((update) => sql`(${update.leadId}, ${update.temperature})`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE leads SET temperature = v.temperature, updated_at = ${now}
    FROM (VALUES ${rows}) AS v(id, temperature)
    WHERE leads.id = v.id AND leads.workspace_id = ${workspaceId}`);
}

/**
 * The UPDATE of a set-based rescore, to use as a data-modifying CTE (`updated AS (…)`): scoring
 * computes every score in SQL and names the CTE holding them (columns lead_id, fit, engagement,
 * total, stored_xmin); the SQL writing `leads` stays here, in its owner. A row changed by another
 * transaction since it was read (its xmin moved) is left alone: that writer's score is newer.
 * Returns the ids written.
 */
export function updateLeadScoresFromSql(workspaceId: string, sourceCte: string, now: Date): SQL {
  const source = sql.identifier(sourceCte);
  return sql`
    UPDATE leads SET fit_score = s.fit::real, engagement_score = s.engagement::real, score = s.total::real, updated_at = ${now}
    FROM ${source} AS s
    WHERE leads.id = s.lead_id AND leads.workspace_id = ${workspaceId}::text AND leads.xmin = s.stored_xmin
    RETURNING leads.id`;
}
