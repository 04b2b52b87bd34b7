import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { applyMigrations, MIGRATIONS_FOLDER } from '../src/platform/db/migrate.ts';
import { openPglite, openPostgres } from '../src/platform/db/open-database.ts';
import { JobQueue } from '../src/platform/jobs/job-queue.ts';
import { createLogger } from '../src/platform/logger.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'chaud-test');

/** Changes whenever a migration or pg-boss changes, so a stale template is never reused. */
export function templateFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    const full = path.join(MIGRATIONS_FOLDER, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  hash.update(
    JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/pg-boss/package.json'), 'utf8')).version,
  );
  return hash.digest('hex').slice(0, 12);
}

async function installSchemas(handle: DatabaseHandle, postgresUrl?: string): Promise<void> {
  await applyMigrations(handle);
  // pg-boss installs its own schema on first start; doing it in the template saves every test file the work.
  const jobs = new JobQueue(handle, createLogger('silent'), postgresUrl);
  await jobs.start();
  await jobs.stop();
}

export function pgliteTemplatePath(): string {
  return path.join(CACHE_DIR, `pglite-${templateFingerprint()}.tar.gz`);
}

export async function preparePgliteTemplate(): Promise<string> {
  const target = pgliteTemplatePath();
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const handle = await openPglite({ memory: true });
  await installSchemas(handle);
  const dump = await handle.pglite!.dumpDataDir('gzip');
  await handle.close();
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(temporary, target);
  return target;
}

export function postgresTemplateName(): string {
  return `chaud_template_${templateFingerprint()}`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function preparePostgresTemplate(adminUrl: string): Promise<string> {
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Serialise concurrent test runs preparing the same template.
    await admin.query('SELECT pg_advisory_lock(727004299)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = withDatabase(adminUrl, name);
      const handle = await openPostgres(url, { poolSize: 2 });
      try {
        await installSchemas(handle, url);
      } catch (error) {
        await handle.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        throw error;
      }
      await handle.close();
    }
    await admin.query('SELECT pg_advisory_unlock(727004299)');
  } finally {
    await admin.end();
  }
  return name;
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(
  kind: 'pglite' | 'postgres',
): Promise<{ handle: DatabaseHandle; url?: string; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const blob = new Blob([fs.readFileSync(pgliteTemplatePath())]);
    const handle = await openPglite({ memory: true, loadDataDir: blob });
    return { handle, drop: async () => {} };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `chaud_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName()}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const handle = await openPostgres(url, { poolSize: 8 });
  return {
    handle,
    url,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
