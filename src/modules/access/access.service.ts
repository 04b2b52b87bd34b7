import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, AppContext, Role } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId, newSecretToken } from '../../platform/ids.ts';
import { accessErrors } from './access.errors.ts';
import type { CreateApiKeyInput, CreateUserInput, UserDto } from './access.schemas.ts';
import { apiKeys, sessions, users, workspaces } from './access.tables.ts';
import { hashPassword, verifyPassword } from './password.ts';

const SESSION_DAYS = 14;
// Resolved keys are cached briefly so authenticated reads cost no extra query; revocation in this
// process clears the entry at once, other processes see it within this delay.
const API_KEY_CACHE_MS = 5_000;
const apiKeyCache = new Map<string, { actor: Actor; keyId: string; expiresAt: number }>();

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toUserDto(row: typeof users.$inferSelect): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timezone: row.timezone,
    slug: row.slug,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? error;
  const record = cause as { code?: string; constraint?: string; message?: string };
  return (
    record.code === '23505' && (record.constraint === constraint || !!record.message?.includes(constraint))
  );
}

export async function createWorkspace(db: Database, name: string): Promise<string> {
  const id = newId('ws');
  await db.insert(workspaces).values({ id, name });
  return id;
}

export async function createUser(
  ctx: AppContext,
  workspaceId: string,
  input: CreateUserInput,
): Promise<UserDto> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    const [row] = await ctx.db
      .insert(users)
      .values({
        id: newId('usr'),
        workspaceId,
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        timezone: input.timezone,
        slug: input.slug ?? null,
      })
      .returning();
    return toUserDto(row!);
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw accessErrors.emailTaken(input.email);
    if (isUniqueViolation(error, 'users_workspace_slug_unique'))
      throw accessErrors.slugTaken(input.slug ?? '');
    throw error;
  }
}

export async function listUsers(ctx: AppContext, workspaceId: string): Promise<UserDto[]> {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(eq(users.workspaceId, workspaceId))
    .orderBy(users.createdAt);
  return rows.map(toUserDto);
}

export async function getUser(ctx: AppContext, workspaceId: string, userId: string): Promise<UserDto> {
  const [row] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  if (!row) throw accessErrors.userNotFound(userId);
  return toUserDto(row);
}

/** Creates an API key; the plain key is returned once and only its hash is stored. */
export async function createApiKey(
  ctx: AppContext,
  workspaceId: string,
  input: CreateApiKeyInput,
  presetKey?: string,
): Promise<{ id: string; key: string; name: string }> {
  if (input.userId) await getUser(ctx, workspaceId, input.userId);
  const key = presetKey ?? `chaud_${newSecretToken(24)}`;
  const id = newId('key');
  await ctx.db.insert(apiKeys).values({
    id,
    workspaceId,
    userId: input.userId ?? null,
    name: input.name,
    displayPrefix: key.slice(0, 10),
    keyHash: hashToken(key),
  });
  return { id, key, name: input.name };
}

export async function listApiKeys(ctx: AppContext, workspaceId: string) {
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(apiKeys.createdAt);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    displayPrefix: row.displayPrefix,
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiKey(ctx: AppContext, workspaceId: string, keyId: string): Promise<void> {
  const rows = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, keyId)))
    .returning({ keyHash: apiKeys.keyHash });
  if (rows.length === 0) throw accessErrors.apiKeyNotFound(keyId);
  for (const row of rows) apiKeyCache.delete(row.keyHash);
}

/** Resolves a Bearer key to the acting user and workspace; keys without a user act as admin. */
export async function authenticateApiKey(ctx: AppContext, key: string): Promise<Actor> {
  const keyHash = hashToken(key);
  const nowMs = Date.now();
  const cached = apiKeyCache.get(keyHash);
  if (cached && cached.expiresAt > nowMs) return cached.actor;
  const [row] = await ctx.db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      userId: apiKeys.userId,
      role: users.role,
      isActive: users.isActive,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  if (!row || row.isActive === false) throw accessErrors.invalidApiKey();
  const actor: Actor = {
    workspaceId: row.workspaceId,
    userId: row.userId,
    role: (row.role ?? 'admin') as Role,
    via: 'api_key',
  };
  apiKeyCache.set(keyHash, { actor, keyId: row.id, expiresAt: nowMs + API_KEY_CACHE_MS });
  await ctx.db.update(apiKeys).set({ lastUsedAt: ctx.clock.now() }).where(eq(apiKeys.id, row.id));
  return actor;
}

export async function logIn(ctx: AppContext, email: string, password: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  // Verify against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  const stored =
    user?.passwordHash ??
    'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const isValid = await verifyPassword(password, stored);
  if (!user?.isActive || !user.passwordHash || !isValid) throw accessErrors.invalidCredentials();
  const token = newSecretToken(32);
  const expiresAt = new Date(ctx.clock.now().getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db.insert(sessions).values({
    id: newId('ses'),
    workspaceId: user.workspaceId,
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt,
  });
  return { token, expiresAt, user: toUserDto(user) };
}

export async function authenticateSession(ctx: AppContext, token: string): Promise<Actor | null> {
  const [row] = await ctx.db
    .select({
      workspaceId: sessions.workspaceId,
      userId: sessions.userId,
      role: users.role,
      expiresAt: sessions.expiresAt,
      isActive: users.isActive,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)));
  if (!row || row.expiresAt <= ctx.clock.now() || !row.isActive) return null;
  return { workspaceId: row.workspaceId, userId: row.userId, role: row.role, via: 'session' };
}

export async function logOut(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export function assertRole(actor: Actor, allowed: Role[]): void {
  if (!allowed.includes(actor.role)) throw accessErrors.forbidden(allowed.join(' or '));
}

/**
 * Inserts users without a password (they cannot log in) in the caller's transaction: people who
 * exist for the data, such as the reps of the demo data set.
 */
export async function insertUsersWithoutLogin(
  tx: Database,
  workspaceId: string,
  items: { email: string; name: string; role: Role; timezone: string; createdAt: Date }[],
): Promise<UserDto[]> {
  if (items.length === 0) return [];
  const rows = await tx
    .insert(users)
    .values(items.map((item) => ({ id: newId('usr'), workspaceId, passwordHash: null, ...item })))
    .returning();
  return rows.map(toUserDto);
}

/** Deletes users with their sessions and API keys (other modules delete their rows about them first). */
export async function deleteUsers(tx: Database, workspaceId: string, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  await tx
    .delete(sessions)
    .where(and(eq(sessions.workspaceId, workspaceId), inArray(sessions.userId, userIds)));
  await tx.delete(apiKeys).where(and(eq(apiKeys.workspaceId, workspaceId), inArray(apiKeys.userId, userIds)));
  const deleted = await tx
    .delete(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, userIds)))
    .returning({ id: users.id });
  return deleted.length;
}
