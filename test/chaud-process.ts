import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './database-template.ts';
import { testDatabaseKind } from './harness.ts';

// Real `chaud serve` child processes for tests that need a process boundary (first start, crashes).

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface ChaudProcess {
  child: ChildProcess;
  output(): string;
  url: string;
}

// Every child still running when the test process ends is killed: a test that times out while a child is
// starting must not leave a server behind (it would hold its port and data folder after the run).
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/** Starts `chaud serve` with `env` and resolves once it listens (45 s at most). */
export function startChaud(env: Record<string, string>): Promise<ChaudProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/chaud.mjs', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    });
    liveChildren.add(child);
    child.once('exit', () => liveChildren.delete(child));
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 45_000);
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

/** Stops a child with `signal` and waits for it to be gone. */
export async function stopChaud(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** An empty database for a child server: a PostgreSQL copy of the template, or a PGlite folder. */
export async function childDatabaseEnv(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const database = await createTestDatabase('postgres');
    await database.handle.close();
    return { env: { DATABASE_URL: database.url! }, drop: database.drop };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaud-child-'));
  return {
    env: { CHAUD_DATA_DIR: dataDir },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}
