import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { childDatabaseEnv } from '../../../test/chaud-process.ts';
import { loadConfig } from '../../config/env.ts';
import { runSequenceCommand } from './sequence.command.ts';

// `chaud sequence`: YAML or JSON definitions from files, checked with path-named errors.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaud-sequence-'));
const cleanups: (() => Promise<void>)[] = [async () => fs.rmSync(dir, { recursive: true, force: true })];

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

const YAML = `name: Relance en YAML
sendWindow: null
steps:
  - type: send
    channel: email
    template: tofu-content-follow-up
  - type: wait
    duration: P3D
  - type: exit
`;

describe('chaud sequence', () => {
  it('validates a YAML file and names the path of each problem', async () => {
    const good = path.join(dir, 'good.yaml');
    fs.writeFileSync(good, YAML);
    const bad = path.join(dir, 'bad.yml');
    fs.writeFileSync(bad, YAML.replace('P3D', '3 jours'));
    const out = capture();
    const err = capture();
    expect(
      await runSequenceCommand(['validate', good], null, { stdout: out.stream, stderr: err.stream }),
    ).toBe(0);
    expect(out.text()).toContain('valid (3 steps)');
    expect(
      await runSequenceCommand(['validate', bad], null, { stdout: out.stream, stderr: err.stream }),
    ).toBe(1);
    expect(err.text()).toMatch(/steps\[1\]\.duration: .*3 jours/);
  });

  it('creates a sequence from a YAML file in the database', async () => {
    const database = await childDatabaseEnv();
    cleanups.push(database.drop);
    const file = path.join(dir, 'create.yaml');
    fs.writeFileSync(file, YAML);
    const out = capture();
    const err = capture();
    const code = await runSequenceCommand(
      ['create', file],
      loadConfig({ ...database.env, CHAUD_LOG_LEVEL: 'silent' }),
      {
        stdout: out.stream,
        stderr: err.stream,
      },
    );
    expect(code, err.text()).toBe(0);
    expect(out.text()).toMatch(/^sequence seq_\w+ version 1\n$/);
  });
});
