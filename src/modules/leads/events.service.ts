import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { events } from './leads.tables.ts';

export interface NewEvent {
  workspaceId: string;
  leadId: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date;
  source: string;
  properties: Record<string, unknown>;
  actor?: string | null;
  dedupKey?: string | null;
}

export interface EventDto {
  id: string;
  leadId: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  source: string;
  properties: Record<string, unknown>;
  actor: string | null;
}

export function toEventDto(row: typeof events.$inferSelect): EventDto {
  return {
    id: row.id,
    leadId: row.leadId,
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    properties: row.properties,
    actor: row.actor,
  };
}

/** Appends events; returns the inserted ids in input order (null where a dedup key was already seen). */
export async function appendEvents(tx: Database, items: NewEvent[]): Promise<(string | null)[]> {
  if (items.length === 0) return [];
  const withIds = items.map((item) => ({ ...item, id: newId('evt', item.receivedAt.getTime()) }));
  const inserted = await tx
    .insert(events)
    .values(
      withIds.map((item) => ({
        id: item.id,
        workspaceId: item.workspaceId,
        leadId: item.leadId,
        type: item.type,
        occurredAt: item.occurredAt,
        receivedAt: item.receivedAt,
        source: item.source,
        properties: item.properties,
        actor: item.actor ?? null,
        dedupKey: item.dedupKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: events.id });
  const kept = new Set(inserted.map((row) => row.id));
  return withIds.map((item) => (kept.has(item.id) ? item.id : null));
}

export async function listLeadEvents(
  db: Database,
  workspaceId: string,
  leadIds: string[],
  options: { limit: number; before?: { occurredAt: Date; id: string }; order: 'asc' | 'desc' },
) {
  const conditions = [eq(events.workspaceId, workspaceId), inArray(events.leadId, leadIds)];
  if (options.before) {
    conditions.push(
      or(
        lt(events.occurredAt, options.before.occurredAt),
        and(eq(events.occurredAt, options.before.occurredAt), lt(events.id, options.before.id)),
      )!,
    );
  }
  const ordering =
    options.order === 'asc'
      ? [asc(events.occurredAt), asc(events.id)]
      : [desc(events.occurredAt), desc(events.id)];
  return db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(...ordering)
    .limit(options.limit);
}

export async function countEventsByType(db: Database, workspaceId: string, leadId: string) {
  return db
    .select({ type: events.type, count: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.leadId, leadId)))
    .groupBy(events.type);
}
