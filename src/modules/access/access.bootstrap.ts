import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { newSecretToken } from '../../platform/ids.ts';
import { createApiKey, createUser, createWorkspace } from './access.service.ts';
import { workspaces } from './access.tables.ts';

export interface InitialCredentials {
  workspaceId: string;
  email: string;
  /** Null when the password came from CHAUD_ADMIN_PASSWORD (never echoed). */
  password: string | null;
  apiKey: string | null;
}

/**
 * On an empty database, creates the first workspace, its admin and an API key.
 * Returns the credentials to print once, or null when a workspace already exists.
 */
export async function ensureInitialWorkspace(ctx: AppContext): Promise<InitialCredentials | null> {
  // Several processes may start together on PostgreSQL: one creates, the others see it.
  await ctx.db.execute(sql`SELECT pg_advisory_lock(727004202)`);
  try {
    const existing = await ctx.db.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (existing.length > 0) return null;
    const { adminEmail, adminPassword, adminApiKey } = ctx.config.bootstrap;
    const email = adminEmail ?? 'admin@chaud.local';
    const password = adminPassword ?? newSecretToken(12);
    const workspaceId = await createWorkspace(ctx.db, 'My workspace');
    const admin = await createUser(ctx, workspaceId, {
      email,
      name: 'Admin',
      role: 'admin',
      password,
      timezone: 'Europe/Paris',
    });
    const key = await createApiKey(ctx, workspaceId, { name: 'Initial key', userId: admin.id }, adminApiKey);
    return {
      workspaceId,
      email,
      password: adminPassword ? null : password,
      apiKey: adminApiKey ? null : key.key,
    };
  } finally {
    await ctx.db.execute(sql`SELECT pg_advisory_unlock(727004202)`);
  }
}
