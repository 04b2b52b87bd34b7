import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { childDatabaseEnv } from '../../../test/chaud-process.ts';
import { loadConfig } from '../../config/env.ts';
import { runDemoCommand } from './demo.command.ts';

// `chaud demo`: loads demo data into the first workspace, refuses a second load, removes it.
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  });
  return { stream, text: () => text };
}

describe('chaud demo', () => {
  it('loads, refuses to load twice, then removes the demo data', async () => {
    const database = await childDatabaseEnv();
    cleanups.push(database.drop);
    const config = loadConfig({ ...database.env, CHAUD_LOG_LEVEL: 'silent' });
    const run = async (args: string[]) => {
      const out = capture();
      const err = capture();
      const code = await runDemoCommand(args, config, { stdout: out.stream, stderr: err.stream });
      return { code, out: out.text(), err: err.text() };
    };

    const loaded = await run(['--leads', '25']);
    expect(loaded.code, loaded.err).toBe(0);
    expect(loaded.out).toMatch(/^loaded: 25 leads, \d+ events/);
    expect(loaded.err).toMatch(/Loaded demo data into workspace ws_\w+/);

    const again = await run([]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('[DEMO_ALREADY_LOADED]');

    const removed = await run(['--remove']);
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toMatch(/^removed: 25 leads/);

    expect((await run(['--leads', 'many'])).code).toBe(2);
  }, 120_000);
});
