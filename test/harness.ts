import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config/env.ts';
import { closeAppContext, createAppContext } from '../src/main/context.ts';
import { WEB_DIST_DIR } from '../src/main/web-build.ts';
import { createApiKey, createUser, createWorkspace } from '../src/modules/access/index.ts';
import { type Clock, ManualClock } from '../src/platform/clock.ts';
import type { Actor, AppContext, Role } from '../src/platform/context.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestDatabase } from './database-template.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.CHAUD_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export interface TestWorkspace {
  workspaceId: string;
  adminKey: string;
  /** The admin's login (password: TEST_PASSWORD), for tests that sign in like a person. */
  adminEmail: string;
  admin: Actor;
  /** Authorization header for the admin key. */
  headers: { authorization: string };
}

export interface TestContext {
  ctx: AppContext;
  app: FastifyInstance;
  clock: Clock;
  config: Config;
  close(): Promise<void>;
  createWorkspace(name?: string): Promise<TestWorkspace>;
  createMember(
    workspace: TestWorkspace,
    role: Role,
    email?: string,
  ): Promise<{ userId: string; key: string; headers: { authorization: string }; actor: Actor }>;
}

/** Every test user's password. */
export const TEST_PASSWORD = 'correct horse battery';

let emailCounter = 0;
const uniqueEmail = (prefix: string) =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${++emailCounter}@test.chaud.dev`;

/** A full application on a fresh copy of the migrated template database of the current project. */
export async function createTestContext(
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    workers?: boolean;
    /** Serve the built web app (built once by test/global-setup.ts). */
    web?: boolean;
  } = {},
): Promise<TestContext> {
  const kind = testDatabaseKind();
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    CHAUD_LOG_LEVEL: 'silent',
    ...(database.url ? { DATABASE_URL: database.url } : { CHAUD_DATA_DIR: '/nonexistent-test-dir' }),
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock(new Date());
  const ctx = await createAppContext(config, {
    handle: database.handle,
    clock,
    logger: createLogger('silent'),
    skipMigrations: true,
  });
  if (options.workers) await ctx.jobs.startWorkers();
  const app = await buildApp(ctx, options.web ? { webDistDir: WEB_DIST_DIR } : {});
  await app.ready();

  const createTestWorkspace = async (name = 'Test workspace'): Promise<TestWorkspace> => {
    const workspaceId = await createWorkspace(ctx.db, name);
    const adminEmail = uniqueEmail('admin');
    const admin = await createUser(ctx, workspaceId, {
      email: adminEmail,
      name: 'Admin',
      role: 'admin',
      timezone: 'Europe/Paris',
      password: TEST_PASSWORD,
    });
    const key = await createApiKey(ctx, workspaceId, { name: 'test', userId: admin.id });
    return {
      workspaceId,
      adminKey: key.key,
      adminEmail,
      admin: { workspaceId, userId: admin.id, role: 'admin', via: 'api_key' },
      headers: { authorization: `Bearer ${key.key}` },
    };
  };

  return {
    ctx,
    app,
    clock,
    config,
    createWorkspace: createTestWorkspace,
    async createMember(workspace, role, email) {
      const user = await createUser(ctx, workspace.workspaceId, {
        email: email ?? uniqueEmail(role),
        name: role,
        role,
        timezone: 'Europe/Paris',
        password: TEST_PASSWORD,
      });
      const key = await createApiKey(ctx, workspace.workspaceId, { name: `${role} key`, userId: user.id });
      return {
        userId: user.id,
        key: key.key,
        headers: { authorization: `Bearer ${key.key}` },
        actor: { workspaceId: workspace.workspaceId, userId: user.id, role, via: 'api_key' },
      };
    },
    async close() {
      await app.close();
      await closeAppContext(ctx);
      await database.drop();
    },
  };
}
