import { and, asc, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { DEFAULT_SEQUENCES } from './default-sequences.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { nurturingErrors } from './nurturing.errors.ts';
import { messageTemplates, sequences, sequenceVersions } from './nurturing.tables.ts';
import { parseSequenceDefinition, type SequenceDefinition } from './sequence-definition.schemas.ts';

export type SequenceRow = typeof sequences.$inferSelect;

export interface SequenceDto {
  id: string;
  name: string;
  status: SequenceRow['status'];
  version: number;
  systemKey: string | null;
  definition: SequenceDefinition;
  createdAt: string;
  updatedAt: string;
}

/** Names a definition may use: the shipped templates and the workspace's own. */
export async function templateNames(db: Database, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .select({ name: messageTemplates.name })
    .from(messageTemplates)
    .where(eq(messageTemplates.workspaceId, workspaceId));
  return new Set([...DEFAULT_TEMPLATES.map((template) => template.name), ...rows.map((row) => row.name)]);
}

/** Parses a definition or throws SEQUENCE_INVALID with one entry per path. */
export async function validateDefinition(
  db: Database,
  workspaceId: string,
  input: unknown,
): Promise<SequenceDefinition> {
  const parsed = parseSequenceDefinition(input, { templateNames: await templateNames(db, workspaceId) });
  if (!parsed.ok) throw nurturingErrors.invalidDefinition(parsed.errors);
  return parsed.definition;
}

export async function createSequence(
  db: Database,
  actor: Actor,
  input: unknown,
  now: Date,
  options: { systemKey?: string } = {},
): Promise<{ id: string; version: number }> {
  const definition = await validateDefinition(db, actor.workspaceId, input);
  const id = newId('seq');
  await db.insert(sequences).values({
    id,
    workspaceId: actor.workspaceId,
    name: definition.name,
    systemKey: options.systemKey ?? null,
    currentVersion: 1,
    trigger: (definition.trigger ?? null) as Record<string, unknown> | null,
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(sequenceVersions).values({
    workspaceId: actor.workspaceId,
    sequenceId: id,
    version: 1,
    definition: definition as unknown as Record<string, unknown>,
    createdAt: now,
    createdBy: actor.userId,
  });
  return { id, version: 1 };
}

async function findSequence(db: Database, workspaceId: string, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(sequences)
    .where(and(eq(sequences.workspaceId, workspaceId), eq(sequences.id, id)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw nurturingErrors.sequenceNotFound(id);
  return row;
}

/** A new version; enrolments already running keep the version they started with. */
export async function updateSequence(
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
  now: Date,
): Promise<{ id: string; version: number }> {
  const definition = await validateDefinition(db, actor.workspaceId, input);
  return db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const current = await findSequence(tx, actor.workspaceId, id, true);
    const version = current.currentVersion + 1;
    await tx.insert(sequenceVersions).values({
      workspaceId: actor.workspaceId,
      sequenceId: id,
      version,
      definition: definition as unknown as Record<string, unknown>,
      createdAt: now,
      createdBy: actor.userId,
    });
    await tx
      .update(sequences)
      .set({
        name: definition.name,
        currentVersion: version,
        trigger: (definition.trigger ?? null) as Record<string, unknown> | null,
        updatedAt: now,
      })
      .where(eq(sequences.id, id));
    return { id, version };
  });
}

export async function setSequenceStatus(
  db: Database,
  actor: Actor,
  id: string,
  status: SequenceRow['status'],
  now: Date,
): Promise<SequenceDto> {
  await findSequence(db, actor.workspaceId, id);
  await db
    .update(sequences)
    .set({ status, updatedAt: now })
    .where(and(eq(sequences.workspaceId, actor.workspaceId), eq(sequences.id, id)));
  return getSequence(db, actor.workspaceId, id);
}

export async function loadSequenceVersion(
  db: Database,
  workspaceId: string,
  sequenceId: string,
  version: number,
): Promise<SequenceDefinition> {
  const [row] = await db
    .select({ definition: sequenceVersions.definition })
    .from(sequenceVersions)
    .where(
      and(
        eq(sequenceVersions.workspaceId, workspaceId),
        eq(sequenceVersions.sequenceId, sequenceId),
        eq(sequenceVersions.version, version),
      ),
    );
  if (!row) throw nurturingErrors.sequenceNotFound(sequenceId);
  return row.definition as unknown as SequenceDefinition;
}

function toSequenceDto(row: SequenceRow, definition: SequenceDefinition): SequenceDto {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    version: row.currentVersion,
    systemKey: row.systemKey,
    definition,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getSequence(db: Database, workspaceId: string, id: string): Promise<SequenceDto> {
  const row = await findSequence(db, workspaceId, id);
  return toSequenceDto(row, await loadSequenceVersion(db, workspaceId, id, row.currentVersion));
}

export async function findSequenceRow(db: Database, workspaceId: string, id: string): Promise<SequenceRow> {
  return findSequence(db, workspaceId, id);
}

export async function listSequences(db: Database, workspaceId: string): Promise<SequenceDto[]> {
  const rows = await db
    .select({ sequence: sequences, definition: sequenceVersions.definition })
    .from(sequences)
    .innerJoin(
      sequenceVersions,
      and(
        eq(sequenceVersions.sequenceId, sequences.id),
        eq(sequenceVersions.version, sequences.currentVersion),
      ),
    )
    .where(eq(sequences.workspaceId, workspaceId))
    .orderBy(asc(sequences.createdAt), desc(sequences.id));
  return rows.map((row) => toSequenceDto(row.sequence, row.definition as unknown as SequenceDefinition));
}

/** Active sequences of the workspace with a trigger, for the trigger matcher. */
export async function listTriggeredSequences(db: Database, workspaceId: string): Promise<SequenceRow[]> {
  const rows = await db
    .select()
    .from(sequences)
    .where(and(eq(sequences.workspaceId, workspaceId), eq(sequences.status, 'active')));
  return rows.filter((row) => row.trigger !== null);
}

/**
 * The sequences every workspace starts with (agent follow-up, warm nurture, post-demo), created
 * once; a workspace may edit or pause them like its own.
 */
export async function ensureDefaultSequences(db: Database, workspaceId: string, now: Date): Promise<void> {
  const existing = await db
    .select({ systemKey: sequences.systemKey })
    .from(sequences)
    .where(eq(sequences.workspaceId, workspaceId));
  const known = new Set(existing.map((row) => row.systemKey));
  const system: Actor = { workspaceId, userId: null, role: 'admin', via: 'system' };
  for (const item of DEFAULT_SEQUENCES) {
    if (known.has(item.key)) continue;
    await createSequence(db, system, item.definition, now, { systemKey: item.key }).catch(
      (error: unknown) => {
        // Two processes seeding at once: the unique system key keeps one.
        if ((error as { cause?: { code?: string } }).cause?.code !== '23505') throw error;
      },
    );
  }
}
