import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { findUnstorableInput, isStorableInstant } from '../../platform/http/storable-input.ts';
import { leadErrors } from './leads.errors.ts';
import { type LeadRow, toLeadDto } from './leads.mapper.ts';
import type { LeadDto, LeadFilters, ListLeadsQuery } from './leads.schemas.ts';
import { leadIdentities, leads } from './leads.tables.ts';

/** A sales rep sees only the leads they own; other roles see the whole workspace. */
export function visibleLeadsCondition(actor: Actor): SQL {
  const inWorkspace = eq(leads.workspaceId, actor.workspaceId);
  if (actor.role !== 'sales_rep') return inWorkspace;
  return and(inWorkspace, eq(leads.ownerId, actor.userId ?? '__none__'))!;
}

export async function findVisibleLead(db: Database, actor: Actor, leadId: string): Promise<LeadRow> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(visibleLeadsCondition(actor), eq(leads.id, leadId)));
  if (!row) throw leadErrors.notFound(leadId);
  return row;
}

// The single-lead read is the hottest authenticated route: its two statements are built once per
// database and sent as prepared statements, so a request costs no SQL building (about a third of the
// route's CPU otherwise).
function prepareLeadReads(db: Database) {
  const byId = (name: string, ownerCondition: SQL | undefined) =>
    db
      .select()
      .from(leads)
      .where(
        and(
          eq(leads.workspaceId, sql.placeholder('workspaceId')),
          eq(leads.id, sql.placeholder('leadId')),
          ownerCondition,
        ),
      )
      .prepare(name);
  return {
    lead: byId('chaud_get_lead', undefined),
    ownedLead: byId('chaud_get_owned_lead', eq(leads.ownerId, sql.placeholder('ownerId'))),
    identities: db
      .select({ kind: leadIdentities.kind, value: leadIdentities.value })
      .from(leadIdentities)
      .where(
        and(
          eq(leadIdentities.workspaceId, sql.placeholder('workspaceId')),
          eq(leadIdentities.leadId, sql.placeholder('leadId')),
        ),
      )
      .orderBy(leadIdentities.createdAt)
      .prepare('chaud_get_lead_identities'),
  };
}

const preparedReads = new WeakMap<Database, ReturnType<typeof prepareLeadReads>>();

function leadReadsOf(db: Database) {
  let reads = preparedReads.get(db);
  if (!reads) {
    reads = prepareLeadReads(db);
    preparedReads.set(db, reads);
  }
  return reads;
}

export async function getLead(db: Database, actor: Actor, leadId: string): Promise<LeadDto> {
  const reads = leadReadsOf(db);
  const parameters = { workspaceId: actor.workspaceId, leadId };
  const [row] =
    actor.role === 'sales_rep'
      ? await reads.ownedLead.execute({ ...parameters, ownerId: actor.userId ?? '__none__' })
      : await reads.lead.execute(parameters);
  if (!row) throw leadErrors.notFound(leadId);
  const identities = await reads.identities.execute(parameters);
  return toLeadDto(row as LeadRow, identities as { kind: string; value: string }[]);
}

/** Beyond this many matches the list reports "10,000+" instead of counting on. */
export const TOTAL_COUNT_CAP = 10_000;

const SORT_COLUMNS = { createdAt: leads.createdAt, score: leads.score, updatedAt: leads.updatedAt } as const;

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(
  cursor: string,
  field: keyof typeof SORT_COLUMNS,
): { value: Date | number; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id !== 'string' || findUnstorableInput(id, 'cursor')) throw new Error('bad id');
    if (field === 'score') {
      if (typeof value !== 'number') throw new Error('bad score');
      // Scores are `real`: at that precision a forged value can neither overflow nor underflow.
      return { value: Math.fround(value), id };
    }
    const date = new Date(String(value));
    if (!isStorableInstant(date)) throw new Error('bad date');
    return { value: date, id };
  } catch {
    throw leadErrors.invalidCursor();
  }
}

/** Words of `q` as a prefix full-text query (`acme:* & jean:*`), keeping only safe characters. */
function toPrefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}@._-]/gu, ''))
    .filter((word) => word.length > 0)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((word) => `'${word}':*`).join(' & ');
}

/** The filters of the list (everything but sort and paging), as SQL conditions on visible, unmerged leads. */
export function leadFilterConditions(actor: Actor, query: LeadFilters): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [visibleLeadsCondition(actor), isNull(leads.mergedIntoId)];
  if (query.stage) conditions.push(eq(leads.stage, query.stage));
  if (query.temperature) conditions.push(eq(leads.temperature, query.temperature));
  if (query.scoreMin !== undefined) conditions.push(gte(leads.score, query.scoreMin));
  if (query.scoreMax !== undefined) conditions.push(lte(leads.score, query.scoreMax));
  if (query.ownerId)
    conditions.push(query.ownerId === 'none' ? isNull(leads.ownerId) : eq(leads.ownerId, query.ownerId));
  if (query.source) conditions.push(eq(leads.source, query.source));
  if (query.createdFrom) conditions.push(gte(leads.createdAt, new Date(query.createdFrom)));
  if (query.createdTo) conditions.push(lt(leads.createdAt, new Date(query.createdTo)));
  if (query.q) {
    const tsquery = toPrefixQuery(query.q);
    if (tsquery) {
      conditions.push(
        sql`to_tsvector('simple', coalesce(${leads.firstName}, '') || ' ' || coalesce(${leads.lastName}, '') || ' ' || coalesce(${leads.email}, '') || ' ' || coalesce(${leads.companyName}, '')) @@ to_tsquery('simple', ${tsquery})`,
      );
    }
  }
  return conditions;
}

/**
 * How many leads match, counted exactly up to `TOTAL_COUNT_CAP` and reported as capped beyond: counting
 * stops at the cap (a LIMIT inside the count), so a broad filter on a large workspace stays cheap.
 */
export async function countLeads(
  db: Database,
  actor: Actor,
  query: LeadFilters,
): Promise<{ count: number; isCapped: boolean }> {
  const matching = db
    .select({ one: sql`1` })
    .from(leads)
    .where(and(...leadFilterConditions(actor, query)))
    .limit(TOTAL_COUNT_CAP + 1)
    .as('matching');
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(matching);
  const count = Number(row?.count ?? 0);
  return count > TOTAL_COUNT_CAP ? { count: TOTAL_COUNT_CAP, isCapped: true } : { count, isCapped: false };
}

export async function listLeads(db: Database, actor: Actor, query: ListLeadsQuery) {
  const descending = query.sort.startsWith('-');
  const field = query.sort.replace('-', '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[field];
  const conditions = leadFilterConditions(actor, query);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, field);
    const beyond = descending ? lt : gt;
    conditions.push(
      or(beyond(column, cursor.value), and(eq(column, cursor.value), beyond(leads.id, cursor.id))),
    );
  }
  const order = descending ? [desc(column), desc(leads.id)] : [asc(column), asc(leads.id)];
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(leads)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(query.limit + 1),
    query.includeTotal ? countLeads(db, actor, query) : undefined,
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const hasMore = rows.length > query.limit;
  return {
    data: page.map((row) => toLeadDto(row)),
    nextCursor:
      hasMore && last
        ? encodeCursor(field === 'score' ? last.score : last[field].toISOString(), last.id)
        : null,
    ...(total ? { total: total.count, totalIsCapped: total.isCapped } : {}),
  };
}

/** Leads merged into `leadId` (their histories belong to its timeline). */
export async function findMergedLeadIds(
  db: Database,
  workspaceId: string,
  leadId: string,
): Promise<string[]> {
  const ids = [leadId];
  let frontier = [leadId];
  // Merges can chain (C into B, B into A); a few levels is plenty, bounded to stay safe.
  for (let depth = 0; depth < 5 && frontier.length > 0; depth++) {
    const rows = await db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.mergedIntoId, frontier)));
    frontier = rows.map((row) => row.id).filter((id) => !ids.includes(id));
    ids.push(...frontier);
  }
  return ids;
}
