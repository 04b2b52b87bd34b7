import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { childDatabaseEnv, ROOT, startChaud, stopChaud } from '../../test/chaud-process.ts';

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

function startServer(env: Record<string, string>) {
  return startChaud(env).then((server) => {
    children.push(server.child);
    return server;
  });
}

const stop = (child: ChildProcess) => stopChaud(child);

describe('chaud serve', () => {
  it('starts on an empty database, prints the first credentials once, and serves the API', async () => {
    const database = await childDatabaseEnv();
    cleanups.push(database.drop);
    const env: Record<string, string> = { CHAUD_LOG_LEVEL: 'info', ...database.env };
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
