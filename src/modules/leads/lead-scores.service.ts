import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';

export interface LeadScoreUpdate {
  leadId: string;
  fit: number;
  engagement: number;
  total: number;
}

/** Writes scores of many leads in one statement (scoring computes them; leads owns the table). */
export async function applyLeadScores(tx: Database, workspaceId: string, updates: LeadScoreUpdate[], now: Date): Promise<void> {
  if (updates.length === 0) return;
  const rows = sql.join(
    updates.map((update) => sql`(${update.leadId}, ${update.fit}::real, ${update.engagement}::real, ${update.total}::real)`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE leads SET fit_score = v.fit, engagement_score = v.engagement, score = v.total, updated_at = ${now}
    FROM (VALUES ${rows}) AS v(id, fit, engagement, total)
    WHERE leads.id = v.id AND leads.workspace_id = ${workspaceId}`);
}

/** Writes temperatures of many leads in one statement (qualification decides them). */
export async function applyLeadTemperatures(tx: Database, workspaceId: string, updates: { leadId: string; temperature: string }[], now: Date): Promise<void> {
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
