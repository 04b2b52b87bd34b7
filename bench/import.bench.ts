// Issue 3, measurement 4: `chaud import` rows/s on a 100k-row French CSV, on PGlite and PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { type CpuShare, describeCpu, describeMedianCpu, medianOthers, startCpuCount } from './cpu.ts';
import { createBenchDatabase } from './databases.ts';
import { makeFrenchCsv } from './lead-rows.ts';
import { BENCH_API_KEY, makeTempDir, REPO_ROOT, runToEnd } from './processes.ts';
import { type BenchResult, type Summary, summarize } from './stats.ts';

export interface ImportOptions {
  repetitions: number;
  rows: number;
  /** Longest one import may run: past it, it is stopped and its rate so far is reported as partial. */
  timeoutSeconds: number;
  /** Past this many seconds for one import, the remaining repetitions are skipped (bench time bound). */
  slowImportSeconds: number;
  log(line: string): void;
}

export function isImportCommandPresent(): boolean {
  return fs.existsSync(path.join(REPO_ROOT, 'src/main/commands/import.command.ts'));
}

type Target = { kind: 'postgres'; databaseUrl: string } | { kind: 'pglite'; dataDir: string };

function envOf(target: Target): Record<string, string> {
  const database: Record<string, string> =
    target.kind === 'postgres' ? { DATABASE_URL: target.databaseUrl } : { CHAUD_DATA_DIR: target.dataDir };
  return { ...database, CHAUD_LOG_LEVEL: 'warn', CHAUD_ADMIN_API_KEY: BENCH_API_KEY };
}

/** Creates the first workspace through the CLI (as a user would) and returns its id. */
async function prepareWorkspace(target: Target): Promise<string> {
  const result = await runToEnd(
    process.execPath,
    ['bin/chaud.mjs', 'api-key', 'create', '--name', 'bench-import'],
    envOf(target),
    120_000,
  );
  const match = /for workspace (\S+?):/.exec(result.stdout);
  if (result.code !== 0 || !match)
    throw new Error(`api-key create failed:\n${result.stdout}\n${result.stderr}`);
  return match[1]!;
}

function parseCount(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}

/** What the command printed: its own summary when it finished, else the rows of its last progress line. */
function readImportOutput(stdout: string, stderr: string) {
  const finished = /Import finished in ([\d.]+) s \(([\d\s,.\u202f\u00a0]+) rows\/s\)/.exec(stdout);
  const created = /created\s+([\d\s,.\u202f\u00a0]+)\n/.exec(stdout);
  const rejected = /rejected\s+([\d\s,.\u202f\u00a0]+)\n/.exec(stdout);
  const progress = [...stderr.matchAll(/rows ([\d,.\u202f\u00a0]+), rejected/g)].at(-1);
  return {
    ownSeconds: finished ? Number(finished[1]) : null,
    ownRowsPerSecond: finished ? parseCount(finished[2]!) : null,
    created: created ? parseCount(created[1]!) : null,
    rejected: rejected ? parseCount(rejected[1]!) : null,
    rowsReadSoFar: progress ? parseCount(progress[1]!) : 0,
  };
}

interface ImportRuns {
  rowsPerSecond: number[];
  notes: string[];
  otherCpuPercent: number;
}

async function runImports(
  target: Target,
  label: string,
  tmp: string,
  options: ImportOptions,
): Promise<ImportRuns> {
  const workspaceId = await prepareWorkspace(target);
  const rowsPerSecond: number[] = [];
  const notes: string[] = [];
  const cpuShares: CpuShare[] = [];
  for (let rep = 0; rep < options.repetitions; rep++) {
    // A new file per repetition (new emails and phones), so every row creates a lead.
    const file = path.join(tmp, `leads-${label}-${rep}.csv`);
    const phoneOffset = (label === 'pglite' ? 0 : 1) * 20_000_000 + rep * options.rows;
    fs.writeFileSync(file, makeFrenchCsv(`import-${label}-${rep}`, options.rows, phoneOffset), 'utf8');
    const cpuCounter: { stop?: () => CpuShare } = {};
    const result = await runToEnd(
      process.execPath,
      ['bin/chaud.mjs', 'import', file, '--workspace', workspaceId],
      envOf(target),
      options.timeoutSeconds * 1000,
      (pid) => {
        cpuCounter.stop = startCpuCount(pid);
      },
    );
    const cpu = cpuCounter.stop?.();
    const cpuText = cpu ? describeCpu(cpu).replace('CPU server', 'CPU import process') : 'CPU unknown';
    if (cpu) cpuShares.push(cpu);
    fs.rmSync(file);
    const seconds = result.elapsedMs / 1000;
    const output = readImportOutput(result.stdout, result.stderr);
    if (result.isTimedOut) {
      // Stopped at the time cap: the rate so far, from the last progress line (rows read by then).
      const rate = output.rowsReadSoFar / seconds;
      options.log(
        `  rep ${rep + 1}: ${label}: stopped at the ${options.timeoutSeconds} s cap after ${output.rowsReadSoFar} of ${options.rows} rows → ${Math.round(rate)} rows/s (partial; ${cpuText})`,
      );
      notes.push(
        `${label}: PARTIAL — the import was stopped at the ${options.timeoutSeconds} s cap after ${output.rowsReadSoFar.toLocaleString('en-US')} of ${options.rows.toLocaleString('en-US')} rows; the figure is rows read per second until then (raise --import-max-seconds for a whole file).`,
      );
      if (output.rowsReadSoFar > 0) rowsPerSecond.push(rate);
      break;
    }
    options.log(
      `  rep ${rep + 1}: ${label}: exit ${result.code}, ${output.created} created, ${output.rejected} rejected in ${seconds.toFixed(1)} s wall → ${Math.round(options.rows / seconds)} rows/s (the command's own figure: ${output.ownRowsPerSecond} rows/s over ${output.ownSeconds} s; ${cpuText})`,
    );
    if (result.code !== 0) {
      notes.push(
        `rep ${rep + 1} on ${label} failed (exit ${result.code}): ${result.stderr.trim().slice(-400)}`,
      );
      break;
    }
    if (output.created !== options.rows)
      notes.push(`rep ${rep + 1} on ${label}: ${output.created} leads created for ${options.rows} rows.`);
    rowsPerSecond.push(options.rows / seconds);
    if (seconds > options.slowImportSeconds && rep + 1 < options.repetitions) {
      notes.push(`${label}: one import took ${seconds.toFixed(0)} s, so only ${rep + 1} repetition(s) ran.`);
      break;
    }
  }
  if (cpuShares.length > 0)
    notes.push(
      describeMedianCpu(`CPU during the imports on ${label}`, cpuShares).replace(
        'CPU server',
        'CPU import process',
      ),
    );
  return { rowsPerSecond, notes, otherCpuPercent: medianOthers(cpuShares) };
}

/** `copyBaselines` are the COPY rows/s measured earlier in the same run (information only). */
export async function runImportBench(
  options: ImportOptions,
  copyBaselines: { postgres: Summary | null; pglite: Summary | null },
): Promise<BenchResult[]> {
  const tmp = makeTempDir('import');
  const common = `${options.rows.toLocaleString('en-US')}-row French CSV (';', UTF-8, accents, quoted ';'), wall time of \`node bin/chaud.mjs import FILE --workspace ID\` including process start`;
  const results: BenchResult[] = [];
  const targets: [Target, string][] = [
    [{ kind: 'pglite', dataDir: path.join(tmp, 'data') }, 'PGlite'],
    [{ kind: 'postgres', databaseUrl: await createBenchDatabase('import') }, 'PostgreSQL'],
  ];
  for (const [target, title] of targets) {
    const runs = await runImports(target, target.kind, tmp, options);
    const baseline = target.kind === 'postgres' ? copyBaselines.postgres : copyBaselines.pglite;
    results.push({
      id: `import-${target.kind}`,
      title: `chaud import, ${title} (information)`,
      unit: 'rows/s',
      figure: summarize(runs.rowsPerSecond),
      baselineTitle: baseline ? `COPY into leads on ${title}, same run (rows/s)` : '',
      baseline,
      targetRatio: null,
      otherCpuPercent: runs.otherCpuPercent,
      notes: [common, ...runs.notes],
    });
  }
  return results;
}
