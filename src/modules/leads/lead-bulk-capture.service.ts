import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { insertRowsSql, updateRowsSql, writeRowsTogether } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import { collectIdentities, type Identity, type IdentityKind } from './identity.rules.ts';
import {
  buildCaptureEvent,
  type CaptureLeadCommand,
  type CaptureLeadResult,
} from './lead-capture.service.ts';
import { applyEventToLeadState, EMPTY_LEAD_STATE, type LeadState } from './lead-state.rules.ts';
import { leadStateColumns } from './lead-update.service.ts';
import { type LeadRow, stateOfRow } from './leads.mapper.ts';
import { events, leadIdentities, leads } from './leads.tables.ts';

const identityKey = (kind: string, value: string) => `${kind}\u0000${value}`;

type Normalized = ReturnType<typeof collectIdentities>;

interface Candidate {
  index: number;
  normalized: Normalized;
}

interface Write {
  index: number;
  leadId: string;
  isCreated: boolean;
  state: LeadState;
  event: ReturnType<typeof buildCaptureEvent>;
  /** Identities to attach: all of a new lead's, the unknown ones of an existing lead. */
  identities: Identity[];
  version?: number;
}

/** Captures whose identities no earlier capture of the list claimed (later duplicates go one by one). */
function firstClaims(commands: readonly CaptureLeadCommand[]): Candidate[] {
  const claimed = new Set<string>();
  const candidates: Candidate[] = [];
  commands.forEach((command, index) => {
    let normalized: Normalized;
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
  return candidates;
}

/** Known identities of the candidates → the lead that survives for each (merge pointers followed). */
async function findSurvivors(
  tx: Database,
  workspaceId: string,
  candidates: Candidate[],
): Promise<Map<string, string>> {
  const valuesByKind = new Map<IdentityKind, string[]>();
  for (const { normalized } of candidates) {
    for (const { kind, value } of normalized.identities) {
      const values = valuesByKind.get(kind) ?? [];
      values.push(value);
      valuesByKind.set(kind, values);
    }
  }
  const known = await tx
    .select({ kind: leadIdentities.kind, value: leadIdentities.value, leadId: leadIdentities.leadId })
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
  const owners = [...new Set(known.map((row) => row.leadId))];
  const pointers =
    owners.length === 0
      ? []
      : await tx
          .select({ id: leads.id, mergedIntoId: leads.mergedIntoId })
          .from(leads)
          .where(inArray(leads.id, owners));
  const survivorOf = new Map(pointers.map((row) => [row.id, row.mergedIntoId ?? row.id]));
  return new Map(
    known.map((row) => [identityKey(row.kind, row.value), survivorOf.get(row.leadId) ?? row.leadId]),
  );
}

/** Splits candidates into new people and single-lead matches; the rest (conflicts) go one by one. */
function classify(candidates: Candidate[], survivorByIdentity: Map<string, string>) {
  const fresh: Candidate[] = [];
  const matched = new Map<string, Candidate>();
  const contested = new Set<string>();
  for (const candidate of candidates) {
    const leadIds = new Set(
      candidate.normalized.identities.flatMap(
        ({ kind, value }) => survivorByIdentity.get(identityKey(kind, value)) ?? [],
      ),
    );
    const [leadId] = leadIds;
    if (!leadId) fresh.push(candidate);
    else if (leadIds.size === 1 && !matched.has(leadId) && !contested.has(leadId))
      matched.set(leadId, candidate);
    // Two leads (a merge proposal), or a lead another capture of the list also updates.
    else for (const id of leadIds) contested.add(id);
  }
  for (const id of contested) matched.delete(id);
  return { fresh, matched };
}

/**
 * Every row of the batch in one statement (leads inserted and updated, identities, capture events);
 * returns the leads as written, with the columns other modules own (scores…) and their values.
 */
async function writeAll(
  tx: Database,
  workspaceId: string,
  commands: readonly CaptureLeadCommand[],
  writes: Write[],
) {
  const columnsOf = ({ index, leadId, state }: Write) => ({
    id: leadId,
    ...leadStateColumns(state),
    updatedAt: commands[index]!.receivedAt,
  });
  const created = writes.filter((write) => write.isCreated);
  const updated = writes.filter((write) => !write.isCreated);
  const identityRows = (list: Write[]) =>
    list.flatMap(({ leadId, identities }) =>
      identities.map((identity) => ({ id: newId('lid'), workspaceId, leadId, ...identity })),
    );
  const eventIds = writes.map(({ index }) => newId('evt', commands[index]!.receivedAt.getTime()));
  const eventRows = writes.map(({ index, leadId, event }, position) => ({
    id: eventIds[position]!,
    workspaceId,
    leadId,
    type: event.type,
    occurredAt: event.occurredAt,
    receivedAt: commands[index]!.receivedAt,
    source: commands[index]!.eventSource,
    properties: event.properties,
    actor: commands[index]!.actor ?? null,
  }));
  const rows = await writeRowsTogether(
    tx,
    [
      insertRowsSql(leadIdentities, identityRows(created)),
      // As in upsertLeadByIdentity: an identity another lead took meanwhile stays with that lead.
      insertRowsSql(leadIdentities, identityRows(updated), { onConflictDoNothing: true }),
      insertRowsSql(events, eventRows),
    ],
    {
      table: leads,
      writes: [
        insertRowsSql(
          leads,
          created.map((write) => ({
            ...columnsOf(write),
            workspaceId,
            createdAt: commands[write.index]!.receivedAt,
          })),
        ),
        updateRowsSql(
          leads,
          updated.map((write) => ({ ...columnsOf(write), version: write.version! })),
          sql`${leads.workspaceId} = ${workspaceId}`,
        ),
      ],
    },
  );
  return { eventIds, rowsById: new Map(rows.map((row) => [row.id, row as LeadRow])) };
}

/**
 * Bulk form of `upsertLeadByIdentity` for an import batch, in a few statements whatever its size:
 * a capture whose identities belong to no lead creates one; a capture whose known identities all
 * point to one lead that no other capture of the list touches updates it. Returns per command the
 * result, or null for the rest (conflicts that open merge proposals, duplicates within the list,
 * invalid identities): the caller runs those through `upsertLeadByIdentity` afterwards, in order,
 * which gives the same leads as capturing the whole list one by one.
 * Identities of new leads are inserted without ON CONFLICT: a concurrent writer that took one makes
 * the statement fail, and the caller retries the batch one capture at a time.
 */
export async function upsertLeadsInBulk(
  tx: Database,
  commands: readonly CaptureLeadCommand[],
): Promise<(CaptureLeadResult | null)[]> {
  const results: (CaptureLeadResult | null)[] = commands.map(() => null);
  const workspaceId = commands[0]?.workspaceId;
  if (!workspaceId || commands.some((command) => command.workspaceId !== workspaceId)) return results;
  const candidates = firstClaims(commands);
  if (candidates.length === 0) return results;
  const survivorByIdentity = await findSurvivors(tx, workspaceId, candidates);
  const { fresh, matched } = classify(candidates, survivorByIdentity);

  const writes: Write[] = fresh.map(({ index, normalized }) => {
    const command = commands[index]!;
    const event = buildCaptureEvent(command, normalized);
    return {
      index,
      leadId: newId('lead', command.receivedAt.getTime()),
      isCreated: true,
      state: applyEventToLeadState(EMPTY_LEAD_STATE, event),
      event,
      identities: normalized.identities,
    };
  });
  if (matched.size > 0) {
    // Locked in id order so two concurrent bulk writers cannot deadlock on each other's leads.
    const current = await tx
      .select()
      .from(leads)
      .where(inArray(leads.id, [...matched.keys()]))
      .orderBy(asc(leads.id))
      .for('update');
    for (const row of current) {
      const { index, normalized } = matched.get(row.id)!;
      const event = buildCaptureEvent(commands[index]!, normalized);
      writes.push({
        index,
        leadId: row.id,
        isCreated: false,
        state: applyEventToLeadState(stateOfRow(row), event),
        event,
        identities: normalized.identities.filter(
          ({ kind, value }) => !survivorByIdentity.has(identityKey(kind, value)),
        ),
        version: row.version + 1,
      });
    }
  }
  if (writes.length === 0) return results;
  const { eventIds, rowsById } = await writeAll(tx, workspaceId, commands, writes);
  writes.forEach(({ index, leadId, isCreated }, position) => {
    results[index] = {
      lead: rowsById.get(leadId)!,
      isCreated,
      mergeProposalIds: [],
      eventId: eventIds[position]!,
    };
  });
  return results;
}
