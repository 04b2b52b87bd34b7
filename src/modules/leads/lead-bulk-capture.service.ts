import { and, eq, inArray, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { insertRowsAsJson } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import { collectIdentities, type IdentityKind } from './identity.rules.ts';
import {
  buildCaptureEvent,
  type CaptureLeadCommand,
  type CaptureLeadResult,
} from './lead-capture.service.ts';
import { applyEventToLeadState, EMPTY_LEAD_STATE } from './lead-state.rules.ts';
import { leadStateColumns } from './lead-update.service.ts';
import type { LeadRow } from './leads.mapper.ts';
import { events, leadIdentities, leads } from './leads.tables.ts';

const identityKey = (kind: string, value: string) => `${kind}\u0000${value}`;

// Rows per INSERT: ~25 parameters a lead stays well under PostgreSQL's 65,535 bind parameters.
const ROWS_PER_STATEMENT = 1000;

/**
 * Creates, in three multi-row statements, the leads of captures whose identities belong to no lead
 * yet and to no earlier capture of the list — most rows of an import. Returns per command the
 * result, or null for a command that must go through `upsertLeadByIdentity` (a known identity, a
 * duplicate within the list, or no usable identity); the caller runs those afterwards, in order,
 * which gives the same leads as capturing the whole list one by one.
 * Identities are inserted without ON CONFLICT: a concurrent writer that took one makes the statement
 * fail, and the caller retries the batch one capture at a time.
 */
export async function insertNewLeadsInBulk(
  tx: Database,
  commands: readonly CaptureLeadCommand[],
): Promise<(CaptureLeadResult | null)[]> {
  const claimed = new Set<string>();
  const candidates: { index: number; normalized: ReturnType<typeof collectIdentities> }[] = [];
  commands.forEach((command, index) => {
    let normalized: ReturnType<typeof collectIdentities>;
    try {
      normalized = collectIdentities(command.fields, command.defaultCountry);
    } catch {
      return; // The one-by-one path reports the invalid identity.
    }
    const keys = normalized.identities.map((identity) => identityKey(identity.kind, identity.value));
    const isFirstClaim = keys.length > 0 && keys.every((key) => !claimed.has(key));
    for (const key of keys) claimed.add(key);
    if (isFirstClaim) candidates.push({ index, normalized });
  });
  const results: (CaptureLeadResult | null)[] = commands.map(() => null);
  const first = commands[0];
  if (!first || candidates.length === 0) return results;
  const workspaceId = first.workspaceId;
  if (commands.some((command) => command.workspaceId !== workspaceId)) return results;

  const valuesByKind = new Map<IdentityKind, string[]>();
  for (const { normalized } of candidates) {
    for (const identity of normalized.identities) {
      const values = valuesByKind.get(identity.kind) ?? [];
      values.push(identity.value);
      valuesByKind.set(identity.kind, values);
    }
  }
  const known = await tx
    .select({ kind: leadIdentities.kind, value: leadIdentities.value })
    .from(leadIdentities)
    .where(
      and(
        eq(leadIdentities.workspaceId, workspaceId),
        or(
          ...[...valuesByKind].map(([kind, values]) =>
            and(eq(leadIdentities.kind, kind), inArray(leadIdentities.value, values)),
          ),
        ),
      ),
    );
  const knownKeys = new Set(known.map((row) => identityKey(row.kind, row.value)));
  const fresh = candidates.filter(({ normalized }) =>
    normalized.identities.every((identity) => !knownKeys.has(identityKey(identity.kind, identity.value))),
  );
  for (let start = 0; start < fresh.length; start += ROWS_PER_STATEMENT) {
    await insertPrepared(tx, workspaceId, commands, fresh.slice(start, start + ROWS_PER_STATEMENT), results);
  }
  return results;
}

async function insertPrepared(
  tx: Database,
  workspaceId: string,
  commands: readonly CaptureLeadCommand[],
  fresh: { index: number; normalized: ReturnType<typeof collectIdentities> }[],
  results: (CaptureLeadResult | null)[],
): Promise<void> {
  const prepared = fresh.map(({ index, normalized }) => {
    const command = commands[index]!;
    const event = buildCaptureEvent(command, normalized);
    const state = applyEventToLeadState(EMPTY_LEAD_STATE, event);
    const id = newId('lead', command.receivedAt.getTime());
    return { index, command, event, normalized, row: { id, state } };
  });
  // One JSON parameter per statement: see insertRowsAsJson for why not a VALUES list.
  await insertRowsAsJson(
    tx,
    leads,
    prepared.map(({ command, row }) => ({
      id: row.id,
      workspaceId,
      ...leadStateColumns(row.state),
      createdAt: command.receivedAt,
      updatedAt: command.receivedAt,
    })),
  );
  await insertRowsAsJson(
    tx,
    leadIdentities,
    prepared.flatMap(({ row, normalized }) =>
      normalized.identities.map((identity) => ({
        id: newId('lid'),
        workspaceId,
        leadId: row.id,
        ...identity,
      })),
    ),
  );
  const eventIds = prepared.map(({ command }) => newId('evt', command.receivedAt.getTime()));
  await insertRowsAsJson(
    tx,
    events,
    prepared.map(({ command, event, row }, position) => ({
      id: eventIds[position]!,
      workspaceId,
      leadId: row.id,
      type: event.type,
      occurredAt: command.occurredAt,
      receivedAt: command.receivedAt,
      source: command.eventSource,
      properties: event.properties,
      actor: command.actor ?? null,
    })),
  );
  // Read back rather than rebuild: columns other modules add (scores…) come with their defaults.
  const inserted = (await tx
    .select()
    .from(leads)
    .where(
      inArray(
        leads.id,
        prepared.map(({ row }) => row.id),
      ),
    )) as LeadRow[];
  const rowsById = new Map(inserted.map((row) => [row.id, row]));
  prepared.forEach(({ index, row }, position) => {
    results[index] = {
      lead: rowsById.get(row.id)!,
      isCreated: true,
      mergeProposalIds: [],
      eventId: eventIds[position] ?? null,
    };
  });
}
