import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { LEAD_SORTS, ZLeadFilters } from './leads.schemas.ts';
import { savedViews } from './leads.tables.ts';

export const ZSavedViewInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    // The list's own filter schema, strict: a view never stores a key the list would ignore.
    filters: ZLeadFilters.strict().default({}),
    sort: z.enum(LEAD_SORTS).default('-createdAt'),
    /** Shared with the whole workspace (admins and marketers only) instead of the caller's own. */
    isShared: z.boolean().default(false),
  })
  .strict();
export type SavedViewInput = z.infer<typeof ZSavedViewInput>;

export const ZSavedView = z.object({
  id: z.string(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  sort: z.string(),
  isShared: z.boolean(),
  ownerId: z.string().nullable(),
  createdAt: z.string(),
});
export type SavedViewDto = z.infer<typeof ZSavedView>;

const savedViewErrors = {
  notFound: (id: string) => new NotFoundError('SAVED_VIEW_NOT_FOUND', `No saved view ${id}.`),
  nameTaken: (name: string) =>
    new ConflictError('SAVED_VIEW_NAME_TAKEN', `A view named "${name}" already exists.`, { name }),
  ownerRequired: () =>
    new ValidationError(
      'A personal view needs a signed-in user; this key has none (save it as shared).',
      undefined,
      'SAVED_VIEW_OWNER_REQUIRED',
    ),
  sharedForbidden: () =>
    new ForbiddenError('SAVED_VIEW_SHARED_FORBIDDEN', 'Only admins and marketers manage shared views.'),
};

type SavedViewRow = typeof savedViews.$inferSelect;

function toSavedViewDto(row: SavedViewRow): SavedViewDto {
  return {
    id: row.id,
    name: row.name,
    filters: row.filters,
    sort: row.sort,
    isShared: row.userId === null,
    ownerId: row.userId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the caller may see: their own views and the workspace's shared ones. */
function visibleViewsCondition(actor: Actor) {
  return and(
    eq(savedViews.workspaceId, actor.workspaceId),
    actor.userId
      ? or(isNull(savedViews.userId), eq(savedViews.userId, actor.userId))
      : isNull(savedViews.userId),
  );
}

export async function listSavedViews(db: Database, actor: Actor): Promise<SavedViewDto[]> {
  const rows = await db
    .select()
    .from(savedViews)
    .where(visibleViewsCondition(actor))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  return rows.map(toSavedViewDto);
}

export async function createSavedView(
  db: Database,
  actor: Actor,
  input: SavedViewInput,
  now: Date,
): Promise<SavedViewDto> {
  if (input.isShared && actor.role === 'sales_rep') throw savedViewErrors.sharedForbidden();
  if (!input.isShared && !actor.userId) throw savedViewErrors.ownerRequired();
  try {
    const [row] = await db
      .insert(savedViews)
      .values({
        id: newId('svw'),
        workspaceId: actor.workspaceId,
        userId: input.isShared ? null : actor.userId,
        name: input.name,
        filters: input.filters,
        sort: input.sort,
        createdAt: now,
      })
      .returning();
    return toSavedViewDto(row!);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause ?? error;
    if ((cause as { code?: string }).code === '23505') throw savedViewErrors.nameTaken(input.name);
    throw error;
  }
}

/** Deletes one of the caller's own views, or a shared view when the caller is an admin. */
export async function deleteSavedView(db: Database, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(visibleViewsCondition(actor), eq(savedViews.id, id)));
  if (!row) throw savedViewErrors.notFound(id);
  if (row.userId === null && actor.role !== 'admin') throw savedViewErrors.sharedForbidden();
  await db
    .delete(savedViews)
    .where(and(eq(savedViews.workspaceId, actor.workspaceId), eq(savedViews.id, id)));
}
