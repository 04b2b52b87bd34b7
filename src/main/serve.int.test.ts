import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database-template.ts';
import { testDatabaseKind } from '../../test/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

/** Starts the real `chaud serve` and resolves with its output once it listens. */
function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; output: () => string; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/chaud.mjs', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => output, url: match[1]! });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('chaud serve', () => {
  it('starts on an empty database, prints the first credentials once, and serves the API', async () => {
    const env: Record<string, string> = { CHAUD_LOG_LEVEL: 'info' };
    if (testDatabaseKind() === 'postgres') {
      const database = await createTestDatabase('postgres');
      await database.handle.close();
      cleanups.push(database.drop);
      env.DATABASE_URL = database.url!;
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaud-serve-'));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      env.CHAUD_DATA_DIR = dataDir;
    }
    const first = await startServer(env);
    const apiKey = /API key:\s+(chaud_\S+)/.exec(first.output())?.[1];
    expect(apiKey).toBeDefined();
    expect(first.output()).toMatch(/Password:\s+\S{8,}/);
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const created = await fetch(`${first.url}/api/v1/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@example.org' }),
    });
    expect(created.status).toBe(201);
    const home = await fetch(first.url);
    expect(home.headers.get('content-type')).toContain('text/html');

    if (env.CHAUD_DATA_DIR) {
      // The embedded folder is locked while the server runs: another process is refused, not let in.
      const { spawnSync } = await import('node:child_process');
      const blocked = spawnSync(process.execPath, ['bin/chaud.mjs', 'migrate'], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toContain('DATA_DIR_LOCKED');
    }
    await stop(first.child);

    const second = await startServer(env);
    expect(second.output()).not.toContain('API key:');
    const list = await fetch(`${second.url}/api/v1/leads`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect((await list.json()).data.map((lead: { email: string }) => lead.email)).toEqual([
      'first@example.org',
    ]);
    await stop(second.child);
  });
});
