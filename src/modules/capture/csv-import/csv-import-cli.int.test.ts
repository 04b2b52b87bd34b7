import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, testDatabaseKind } from '../../../../test/harness.ts';
import { loadConfig } from '../../../config/env.ts';
import { closeAppContext, createAppContext } from '../../../main/context.ts';
import { createWorkspace } from '../../access/index.ts';

// The real `chaud` command in a child process: proves the wiring, the output and the exit codes.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const kind = testDatabaseKind();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runChaud(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/chaud.mjs', ...args],
      {
        cwd: ROOT,
        // DATABASE_URL '' is dropped by loadConfig: the child then uses the embedded database.
        env: { ...process.env, CHAUD_LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
let env: Record<string, string>;
let workspaceId: string;
let test: TestContext | null = null;
/** PGlite: the test holds the data folder open (and locked) until it lets the CLI in. */
let holder: Awaited<ReturnType<typeof createAppContext>> | null = null;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaud-cli-'));
  if (kind === 'postgres') {
    test = await createTestContext();
    workspaceId = (await test.createWorkspace('cli')).workspaceId;
    env = { DATABASE_URL: (test.config.database as { url: string }).url };
  } else {
    const dataDir = path.join(dir, 'data');
    env = { CHAUD_DATA_DIR: dataDir };
    holder = await createAppContext(loadConfig({ CHAUD_DATA_DIR: dataDir, CHAUD_LOG_LEVEL: 'silent' }), {
      purpose: 'csv import CLI test',
    });
    workspaceId = await createWorkspace(holder.db, 'cli');
  }
}, 180_000);
afterAll(async () => {
  if (holder) await closeAppContext(holder);
  await test?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const csv = [
  'Adresse e-mail;Prénom;Nom;Société;Portable',
  'one@example.com;Zoé;Martin;Acme;06 11 22 33 44',
  'two@example.com;Noël;Durand;Beta;',
  'not-an-email;Bad;Row;;',
  'ONE@example.com;Zoé;Martin-Dupont;Acme;',
  '',
].join('\r\n');

if (kind === 'postgres') {
  console.log(
    '[skipped on PostgreSQL] the DATA_DIR_LOCKED test: only the embedded PGlite folder has a lock file.',
  );
}

describe('chaud import (CLI)', () => {
  it.skipIf(kind === 'postgres')(
    'fails with DATA_DIR_LOCKED while another live process holds the embedded database (PGlite only: PostgreSQL has no folder lock)',
    async () => {
      const file = path.join(dir, 'locked.csv');
      fs.writeFileSync(file, csv);
      const run = await runChaud(['import', file], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('[DATA_DIR_LOCKED]');
      expect(run.stderr).toContain(`in use by process ${process.pid} (csv import CLI test`);
      if (holder) await closeAppContext(holder);
      holder = null;
    },
  );

  it('imports a file end to end: progress on stderr, summary on stdout, error report, exit 0', async () => {
    if (holder) {
      await closeAppContext(holder);
      holder = null;
    }
    const file = path.join(dir, 'leads.csv');
    fs.writeFileSync(file, csv);
    const run = await runChaud(['import', file, '--workspace', workspaceId, '--source', 'salon-2026'], env);
    expect(run.stderr).not.toContain('Error');
    expect(run.code).toBe(0);
    // Not a terminal: plain progress lines, the last at 100 %.
    expect(run.stderr).toMatch(/^100%\s+\S+ B\/\S+ B\s+\d[\d ]* rows\/s\s+ETA 0:00\s+rows 4, rejected 1$/m);
    expect(run.stderr).toContain('delimiter ";"');
    expect(run.stdout).toMatch(/Import finished in \d+\.\d s/);
    expect(run.stdout).toMatch(/rows read\s+4\n/);
    expect(run.stdout).toMatch(/created\s+2\n/);
    expect(run.stdout).toMatch(/updated\/matched\s+1\n/);
    expect(run.stdout).toMatch(/rejected\s+1\n/);
    const report = path.join(dir, 'leads.errors.csv');
    expect(run.stdout).toContain(report);
    expect(fs.readFileSync(report, 'utf8')).toContain('\r\n4,Adresse e-mail,');

    const exported = path.join(dir, 'leads.jsonl');
    const exportRun = await runChaud(['export', 'leads', '--format', 'jsonl', '--output', exported], {
      ...env,
    });
    expect(exportRun.code).toBe(0);
    const leads = fs
      .readFileSync(exported, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(leads.map((lead) => lead.email).sort()).toEqual(['one@example.com', 'two@example.com']);
    expect(leads.find((lead) => lead.email === 'one@example.com')).toMatchObject({
      lastName: 'Martin-Dupont',
      source: 'salon-2026',
    });
  }, 180_000);

  it('exits 2 with a clear message on usage errors', async () => {
    const file = path.join(dir, 'usage.csv');
    fs.writeFileSync(file, csv);
    const badMap = await runChaud(['import', file, '--map', 'Prénom=prenom'], env);
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toContain('CSV_IMPORT_MAP_UNKNOWN_TARGET');
    const noFile = await runChaud(['import'], env);
    expect(noFile.code).toBe(2);
    const badFormat = await runChaud(['export', 'leads', '--format', 'xml'], env);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format is csv or jsonl');
  }, 180_000);
});
