import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runModelCommand } from '../../../main/commands/model.command.ts';

// The command lives in src/main/commands; its test sits here, beside the fixture it reads.
const fixture = path.join(import.meta.dirname, 'fixtures', 'messy-leads.csv');

function captureOutput() {
  const chunks = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _encoding, done) {
        chunks[key] += String(chunk);
        done();
      },
    });
  return { io: { stdout: sink('stdout'), stderr: sink('stderr') }, chunks };
}

describe('chaud model evaluate', () => {
  it('prints exactly one JSON object with --json', async () => {
    const { io, chunks } = captureOutput();
    const code = await runModelCommand(
      ['evaluate', '--csv', fixture, '--label', 'Converti', '--folds', '3', '--json'],
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(chunks.stdout);
    expect(report.rows).toBe(240);
    expect(report.baselines).toEqual({
      logistic: expect.any(Number),
      naiveBayes: expect.any(Number),
      naiveBayesBinned: expect.any(Number),
    });
    expect(report.isNaiveBayesFallback).toBe(false);
    expect(report.excluded).toContainEqual({
      column: 'Statut',
      reason: expect.stringMatching(/leak suspected/),
    });
    expect(report.holdout).toBeNull();
    expect(report.label.positive).toBe('Oui');
    expect(chunks.stderr).toBe('');
  });

  it('prints tables and says on stderr which columns it left out and why', async () => {
    const { io, chunks } = captureOutput();
    const code = await runModelCommand(
      [
        'evaluate',
        '--csv',
        fixture,
        '--label',
        'Converti',
        '--folds',
        '3',
        '--exclude',
        'Pays',
        '--time-column',
        'Lead ID',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(chunks.stdout).toMatch(/Calibration \(deciles of predicted probability\)/);
    expect(chunks.stdout).toMatch(/Time-ordered holdout by "Lead ID"/);
    expect(chunks.stderr).toMatch(/excluded "Statut": leak suspected/);
    expect(chunks.stderr).toMatch(/excluded "Pays": excluded with --exclude/);
    expect(chunks.stderr).toMatch(/windows-1252, delimiter ";"/);
  });

  it('keeps a flagged column with --keep', async () => {
    const { io, chunks } = captureOutput();
    await runModelCommand(
      ['evaluate', '--csv', fixture, '--label', 'Converti', '--folds', '3', '--keep', 'Statut', '--json'],
      io,
    );
    const report = JSON.parse(chunks.stdout);
    expect(report.features).toContain('Statut');
    expect(report.auc).toBeGreaterThan(0.9);
  });

  it.each([
    [['evaluate', '--label', 'Converti'], /--csv FILE is required/],
    [['evaluate', '--csv', fixture, '--label', 'Nope'], /No column "Nope"/],
    [['evaluate', '--csv', fixture, '--label', 'Converti', '--folds', '1'], /--folds/],
    [['train', '--label', 'Converti'], /go with --csv/],
    [['train', '--csv', fixture], /--label COLUMN is required with --csv/],
    [['predict'], /unknown subcommand/],
    [['evaluate', '--bogus'], /Unknown option/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { io, chunks } = captureOutput();
    expect(await runModelCommand(args, io)).toBe(2);
    expect(chunks.stderr).toMatch(message);
  });

  it('exits 1 when the file to train on cannot be read, before opening any database', async () => {
    const { io, chunks } = captureOutput();
    const code = await runModelCommand(['train', '--csv', 'missing.csv', '--label', 'x'], io, {
      openContext: () => Promise.reject(new Error('must not open the database')),
    });
    expect(code).toBe(1);
    expect(chunks.stderr).toMatch(/cannot read missing\.csv/);
  });

  it('exits 1 when the file cannot be read', async () => {
    const { io, chunks } = captureOutput();
    expect(await runModelCommand(['evaluate', '--csv', 'missing.csv', '--label', 'x'], io)).toBe(1);
    expect(chunks.stderr).toMatch(/cannot read missing\.csv/);
  });

  it('prints the help', async () => {
    const { io, chunks } = captureOutput();
    expect(await runModelCommand(['--help'], io)).toBe(0);
    expect(chunks.stdout).toMatch(/Usage: chaud model evaluate/);
  });
});
