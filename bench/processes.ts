// Child processes, ports and temporary folders of a bench run, all undone on exit or Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const LOOPBACK = '127.0.0.1';
/** Preset admin key of every Chaud server under test (the config wants at least 24 characters). */
export const BENCH_API_KEY = 'chaud_bench_key_0123456789abcdefghij';

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];

/** Registers an undo step; steps run newest first on `runCleanups` (normal end, error or signal). */
export function onCleanup(cleanup: Cleanup): void {
  cleanups.push(cleanup);
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`bench: cleanup failed: ${(error as Error).message}\n`);
    }
  }
}

export function makeTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `chaud-bench-${label}-`));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A port the kernel has just handed out on loopback (closed again at once, so a child can bind it). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  process: ChildProcess;
  /** The last lines it printed, shown when it fails. */
  output(): string;
  stop(): Promise<void>;
}

/** Stops a child by its own pid: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const isDone = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!isDone) {
    child.kill('SIGKILL');
    await exited;
  }
}

export function startChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; keepLines?: number } = {},
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = options.keepLines ?? 40;
  const record = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const stop = () => stopChild(child);
  onCleanup(stop);
  return { process: child, output: () => lines.join('\n'), stop };
}

/** Waits until GET `url` answers 200, failing early if the child exits. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null)
      throw new Error(
        `server exited (code ${child.process.exitCode}) before ${url} answered:\n${child.output()}`,
      );
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output()}`);
}

export interface ChaudServer {
  url: string;
  child: Child;
}

/** `node bin/chaud.mjs serve` on a free loopback port, with the bench's preset admin key. */
export async function startChaudServer(
  database: { databaseUrl: string } | { dataDir: string },
  extraArgs: string[] = [],
  nodeArgs: string[] = [],
): Promise<ChaudServer> {
  const port = await findFreePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: LOOPBACK,
    CHAUD_ADMIN_API_KEY: BENCH_API_KEY,
    CHAUD_ADMIN_PASSWORD: 'bench-password-not-secret',
    CHAUD_LOG_LEVEL: 'warn',
    ...('databaseUrl' in database
      ? { DATABASE_URL: database.databaseUrl }
      : { CHAUD_DATA_DIR: database.dataDir }),
  };
  const child = startChild(process.execPath, [...nodeArgs, 'bin/chaud.mjs', 'serve', ...extraArgs], env);
  const url = `http://${LOOPBACK}:${port}`;
  await waitForHttp(`${url}/health`, child);
  // /health answers before start-up work is done (the NLU thread trains its models, ~15 s of CPU):
  // measuring then would charge one server's start to the other's figures.
  await waitUntilSettled(child);
  return { url, child };
}

const SETTLED_SHARE = 0.15;

/** Waits until the child used under 15 % of one core over a second (at most `timeoutMs`). */
export async function waitUntilSettled(child: Child, timeoutMs = 60_000): Promise<void> {
  const pid = child.process.pid;
  if (pid === undefined || !fs.existsSync(`/proc/${pid}/stat`)) return;
  const ticksPerSecond = 100; // USER_HZ on Linux
  const cpuTicks = () => {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, all threads
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.process.exitCode === null) {
    const before = cpuTicks();
    await sleep(1_000);
    if ((cpuTicks() - before) / ticksPerSecond < SETTLED_SHARE) return;
  }
}

/** Runs a command to its end with a time limit; resolves with its exit code and output. */
export async function runToEnd(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
  onStart?: (pid: number | undefined) => void,
): Promise<{ code: number | null; stdout: string; stderr: string; elapsedMs: number; isTimedOut: boolean }> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onStart?.(child.pid);
  const stop = () => stopChild(child);
  onCleanup(stop);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let isTimedOut = false;
  const timer = setTimeout(() => {
    isTimedOut = true;
    void stopChild(child);
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, stdout, stderr, elapsedMs: performance.now() - started, isTimedOut };
}
