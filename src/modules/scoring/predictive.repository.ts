import { and, asc, desc, eq, exists, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../../platform/db/database.ts';
import { events, leads } from '../leads/index.ts';
import { type LeadForPrediction, LOST_EVENT_TYPES } from './predictive-features.rules.ts';
import { leadPredictions, type PredictionFactor, predictiveModels } from './scoring.tables.ts';

/** SQL of the workspace model: leads and their event counts in, models and predictions out. */

/** Lead ids per `IN (…)` list: far below PostgreSQL's 65,535 parameters per statement. */
const IDS_PER_QUERY = 5_000;

export type PredictiveModelRow = typeof predictiveModels.$inferSelect;
export type LeadPredictionRow = typeof leadPredictions.$inferSelect;

const leadColumns = {
  id: leads.id,
  stage: leads.stage,
  jobTitle: leads.jobTitle,
  language: leads.language,
  country: leads.country,
  email: leads.email,
  companySize: leads.companySize,
  companyIndustry: leads.companyIndustry,
  source: leads.source,
  firstTouch: leads.firstTouch,
  attributes: leads.attributes,
};
type LeadColumns = Pick<typeof leads.$inferSelect, keyof typeof leadColumns>;

const lostEventOf = (workspaceId: string) =>
  exists(
    sql`(SELECT 1 FROM ${events} WHERE ${events.workspaceId} = ${workspaceId} AND ${events.leadId} = ${leads.id} AND ${inArray(events.type, LOST_EVENT_TYPES)})`,
  );

/** Event counts by type from before the lead's creation to `windowDays` after it. */
async function loadEventCounts(
  db: Database,
  workspaceId: string,
  leadIds: string[],
  windowDays: number,
): Promise<Map<string, Record<string, number>>> {
  const byLead = new Map<string, Record<string, number>>(leadIds.map((id) => [id, {}]));
  for (let start = 0; start < leadIds.length; start += IDS_PER_QUERY) {
    const chunk = leadIds.slice(start, start + IDS_PER_QUERY);
    const rows = await db
      .select({ leadId: events.leadId, type: events.type, count: sql<number>`count(*)::int` })
      .from(events)
      .innerJoin(leads, and(eq(leads.id, events.leadId), eq(leads.workspaceId, events.workspaceId)))
      .where(
        and(
          eq(events.workspaceId, workspaceId),
          inArray(events.leadId, chunk),
          sql`${events.occurredAt} < ${leads.createdAt} + make_interval(days => ${windowDays}::int)`,
        ),
      )
      .groupBy(events.leadId, events.type);
    for (const row of rows) {
      const counts = byLead.get(row.leadId);
      if (counts) counts[row.type] = Number(row.count);
    }
  }
  return byLead;
}

async function toLeadsForPrediction(
  db: Database,
  workspaceId: string,
  rows: (LeadColumns & { hasLostEvent: boolean })[],
  windowDays: number | null,
): Promise<LeadForPrediction[]> {
  const counts =
    windowDays === null
      ? new Map<string, Record<string, number>>()
      : await loadEventCounts(
          db,
          workspaceId,
          rows.map((row) => row.id),
          windowDays,
        );
  return rows.map((row) => ({ ...row, eventCounts: counts.get(row.id) ?? {} }));
}

/** Leads with a known outcome (customer, disqualified, or a lost event); merged records excluded. */
export async function loadLabelledLeads(
  db: Database,
  workspaceId: string,
  windowDays: number | null,
): Promise<LeadForPrediction[]> {
  const rows = await db
    .select({ ...leadColumns, hasLostEvent: sql<boolean>`${lostEventOf(workspaceId)}` })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, workspaceId),
        isNull(leads.mergedIntoId),
        or(inArray(leads.stage, ['customer', 'disqualified']), lostEventOf(workspaceId)),
      ),
    )
    .orderBy(asc(leads.id));
  return toLeadsForPrediction(db, workspaceId, rows, windowDays);
}

/** One keyset batch of the workspace's leads (ids after `afterId`), for scoring. */
export async function loadLeadBatch(
  db: Database,
  workspaceId: string,
  afterId: string | null,
  limit: number,
  windowDays: number | null,
): Promise<LeadForPrediction[]> {
  const rows = await db
    .select({ ...leadColumns, hasLostEvent: sql<boolean>`false` })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, workspaceId),
        isNull(leads.mergedIntoId),
        afterId === null ? undefined : gt(leads.id, afterId),
      ),
    )
    .orderBy(asc(leads.id))
    .limit(limit);
  return toLeadsForPrediction(db, workspaceId, rows, windowDays);
}

/**
 * Archives the active model and stores the new one as active. A transaction-scoped advisory lock
 * per workspace makes two concurrent trainings take turns, so at most one model stays active.
 */
export async function storeActiveModel(
  db: Database,
  row: Omit<PredictiveModelRow, 'status'>,
): Promise<PredictiveModelRow> {
  return inTransaction(db, async (tx) => {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`chaud.predictive-model:${row.workspaceId}`}))`,
    );
    await tx
      .update(predictiveModels)
      .set({ status: 'archived' })
      .where(and(eq(predictiveModels.workspaceId, row.workspaceId), eq(predictiveModels.status, 'active')));
    const [stored] = await tx
      .insert(predictiveModels)
      .values({ ...row, status: 'active' })
      .returning();
    return stored!;
  });
}

export async function findActiveModel(db: Database, workspaceId: string): Promise<PredictiveModelRow | null> {
  const [row] = await db
    .select()
    .from(predictiveModels)
    .where(and(eq(predictiveModels.workspaceId, workspaceId), eq(predictiveModels.status, 'active')))
    .orderBy(desc(predictiveModels.createdAt), desc(predictiveModels.id))
    .limit(1);
  return row ?? null;
}

export async function isModelActive(db: Database, workspaceId: string, modelId: string): Promise<boolean> {
  const [row] = await db
    .select({ status: predictiveModels.status })
    .from(predictiveModels)
    .where(and(eq(predictiveModels.workspaceId, workspaceId), eq(predictiveModels.id, modelId)));
  return row?.status === 'active';
}

export async function upsertPredictions(
  db: Database,
  workspaceId: string,
  modelId: string,
  predictions: { leadId: string; probability: number; factors: PredictionFactor[] }[],
  scoredAt: Date,
): Promise<void> {
  if (predictions.length === 0) return;
  await db
    .insert(leadPredictions)
    .values(predictions.map((prediction) => ({ ...prediction, workspaceId, modelId, scoredAt })))
    .onConflictDoUpdate({
      target: [leadPredictions.workspaceId, leadPredictions.leadId],
      set: {
        modelId: sql`excluded.model_id`,
        probability: sql`excluded.probability`,
        factors: sql`excluded.factors`,
        scoredAt: sql`excluded.scored_at`,
      },
    });
}

/** Predictions left by an older model (leads merged since, say): removed once the new one scored all. */
export async function deletePredictionsOfOtherModels(
  db: Database,
  workspaceId: string,
  modelId: string,
): Promise<void> {
  await db
    .delete(leadPredictions)
    .where(and(eq(leadPredictions.workspaceId, workspaceId), ne(leadPredictions.modelId, modelId)));
}

export async function findPrediction(
  db: Database,
  workspaceId: string,
  leadId: string,
): Promise<LeadPredictionRow | null> {
  const [row] = await db
    .select()
    .from(leadPredictions)
    .where(and(eq(leadPredictions.workspaceId, workspaceId), eq(leadPredictions.leadId, leadId)));
  return row ?? null;
}
