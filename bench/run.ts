// `npm run bench`: issue 3's throughput figures against baselines measured in the same run, on loopback.
// Options: --only ingest,read,import,scoring,conversations,timers  --scoring-leads N  --reps N  --seconds S  --warmup S
//          --copy-rows N  --import-rows N  --import-reps N  --import-max-seconds S  --cpu-prof (profiles of the servers)
//          --conversation-seconds S (lead arrivals at 10/s)  --conversation-users N (distinct wa_ids for turns/s)
//          --timer-count N --timer-seconds S (pg-boss timers due over S s)  --dispatch-count N --dispatch-rate R
//          (the dispatch target's load) --dispatch-stress-rate R (printed for information; 0 skips it)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runConversationsBench } from './conversations.bench.ts';
import { measureMachineBusy } from './cpu.ts';
import { ADMIN_DATABASE_URL, createBenchDatabase } from './databases.ts';
import { isImportCommandPresent, runImportBench } from './import.bench.ts';
import { copyIntoPglite, runIngestBench, toPgliteCopyResult } from './ingest.bench.ts';
import { makeTempDir, REPO_ROOT, runCleanups, startChaudServer } from './processes.ts';
import { summarizeProfile } from './profile-summary.ts';
import { runReadRouteBench } from './read-route.bench.ts';
import { runScoringBench } from './scoring.bench.ts';
import {
  type BenchResult,
  BUSY_MACHINE_PERCENT,
  isSkewedByOthers,
  toJsonResult,
  toMarkdownTable,
  verdictOf,
} from './stats.ts';
import { runTimersBench } from './timers.bench.ts';

const RESULTS_DIR = path.join(REPO_ROOT, 'bench/results');
// The whole bench stops itself past this, whatever is running (cleanup included).
const OVERALL_LIMIT_MS = 20 * 60_000;

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: 'ingest,read,import,scoring,conversations,timers' },
    'scoring-leads': { type: 'string', default: '100000' },
    reps: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    'copy-rows': { type: 'string', default: '100000' },
    'import-rows': { type: 'string', default: '100000' },
    'import-reps': { type: 'string', default: '3' },
    'import-max-seconds': { type: 'string', default: '150' },
    'cpu-prof': { type: 'boolean', default: false },
    'conversation-seconds': { type: 'string', default: '20' },
    'conversation-users': { type: 'string', default: '400' },
    'timer-count': { type: 'string', default: '10000' },
    'timer-seconds': { type: 'string', default: '60' },
    'dispatch-count': { type: 'string', default: '2000' },
    // 50 jobs/s keeps PGlite's one thread about a quarter busy (a job is ~4 statements, ~5 ms of it);
    // at 200/s it saturates, and the latency measured is the queue's wait, printed apart.
    'dispatch-rate': { type: 'string', default: '50' },
    'dispatch-stress-rate': { type: 'string', default: '200' },
  },
});
const selected = new Set(args.only.split(',').map((name) => name.trim()));
const repetitions = Math.max(1, Number(args.reps));
const seconds = Math.max(1, Number(args.seconds));
const warmupSeconds = Math.max(1, Number(args.warmup));
const log = (line: string) => process.stdout.write(`${line}\n`);

async function describeMachine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let postgres = 'unreachable';
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  try {
    await client.connect();
    postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version;
  } catch {
    // reported as unreachable
  } finally {
    await client.end().catch(() => {});
  }
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** Other work on the machine skews every figure: say so rather than print a clean-looking table. */
function describeBusyMachine(busyPercent: number): string | null {
  return busyPercent > 25
    ? `WARNING: other processes used ${busyPercent}% CPU (100% = one core) just before the bench started, so the figures are lower and noisier than on an idle machine (see "other processes" in the CPU lines).`
    : null;
}

/** With --cpu-prof: where each server spent its time (whole life: start, warm-up and every load). */
function printProfiles(profileDir: string, serverNames: string[]): void {
  for (const name of serverNames.filter((entry) => fs.existsSync(path.join(profileDir, entry)))) {
    for (const file of fs
      .readdirSync(path.join(profileDir, name))
      .filter((entry) => entry.endsWith('.cpuprofile'))) {
      const fullPath = path.join(profileDir, name, file);
      log(`\n### CPU profile of the ${name}: ${path.relative(REPO_ROOT, fullPath)}`);
      log(summarizeProfile(JSON.parse(fs.readFileSync(fullPath, 'utf8')), 12));
    }
  }
}

async function main(): Promise<void> {
  const machine = await describeMachine();
  log(`# Chaud bench — ${machine.date}`);
  log(
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}; Node ${machine.node}; PostgreSQL ${machine.postgres}`,
  );
  log(`Repetitions: ${repetitions} × ${seconds} s after ${warmupSeconds} s warm-up; loopback only.`);
  const busyAtStart = await measureMachineBusy();
  log(`CPU used by other processes before the start: ${busyAtStart}% of one core\n`);
  const busyWarning = describeBusyMachine(busyAtStart);
  if (busyWarning) log(`${busyWarning}\n`);
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  if (args['cpu-prof']) fs.rmSync(profileDir, { recursive: true, force: true });
  const nodeArgs = (name: string) =>
    args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];
  const results: BenchResult[] = [];
  const skipped: string[] = [];
  let pgliteCopy: number[] = [];

  if (selected.has('ingest') || selected.has('read')) {
    const databaseUrl = await createBenchDatabase('main');
    const needsPglite = selected.has('ingest');
    const dataDir = makeTempDir('pglite');
    log('Starting the Chaud servers (PostgreSQL database chaud_bench_*, PGlite in a temp folder)…');
    const [postgresServer, pgliteServer] = await Promise.all([
      startChaudServer({ databaseUrl }, [], nodeArgs('postgres-server')),
      needsPglite ? startChaudServer({ dataDir }, [], nodeArgs('pglite-server')) : Promise.resolve(null),
    ]);
    if (selected.has('ingest') && pgliteServer) {
      log('\n## Ingest (POST /api/v1/leads vs COPY; PGlite vs PostgreSQL)');
      const copyRows = Number(args['copy-rows']);
      const ingest = await runIngestBench(
        { postgres: { server: postgresServer, databaseUrl }, pglite: { server: pgliteServer, dataDir } },
        { repetitions, seconds, warmupSeconds, connections: 32, copyRows, log },
      );
      results.push(...ingest.results);
      await pgliteServer.child.stop();
      pgliteCopy = await copyIntoPglite(dataDir, repetitions, copyRows);
      log(
        `  COPY FROM '/dev/blob' on PGlite: ${pgliteCopy.map((rate) => Math.round(rate)).join(', ')} rows/s`,
      );
      results.push(toPgliteCopyResult(ingest.apiPglite, pgliteCopy, copyRows));
    }
    if (selected.has('read')) {
      log('\n## Read route (GET /api/v1/leads/:id vs bare node:http)');
      results.push(
        ...(await runReadRouteBench(postgresServer, databaseUrl, {
          repetitions,
          seconds,
          warmupSeconds,
          connections: 32,
          log,
        })),
      );
    }
    await postgresServer.child.stop();
    await pgliteServer?.child.stop();
    if (args['cpu-prof']) printProfiles(profileDir, ['postgres-server', 'pglite-server']);
  }

  if (selected.has('import')) {
    if (!isImportCommandPresent()) {
      skipped.push(
        'import: src/main/commands/import.command.ts does not exist yet, so `chaud import` was not measured.',
      );
    } else {
      log('\n## chaud import');
      const copyOf = (id: string) => results.find((result) => result.id === id)?.baseline ?? null;
      results.push(
        ...(await runImportBench(
          {
            repetitions: Math.max(1, Number(args['import-reps'])),
            rows: Number(args['import-rows']),
            timeoutSeconds: Math.max(10, Number(args['import-max-seconds'])),
            slowImportSeconds: 60,
            log,
          },
          { postgres: copyOf('ingest-api-vs-copy-postgres'), pglite: copyOf('ingest-api-vs-copy-pglite') },
        )),
      );
    }
  }

  if (selected.has('scoring')) {
    results.push(
      ...(await runScoringBench({
        repetitions: Math.min(repetitions, 3),
        leads: Number(args['scoring-leads']),
        targets: new Set(['cpu', 'postgres', 'pglite']),
        log,
      })),
    );
  }

  if (selected.has('conversations')) {
    results.push(
      ...(await runConversationsBench({
        seconds: Math.max(1, Number(args['conversation-seconds'])),
        users: Math.max(1, Math.round(Number(args['conversation-users']))),
        nodeArgs,
        log,
      })),
    );
    if (args['cpu-prof']) printProfiles(profileDir, ['conversations-pglite', 'conversations-postgres']);
  }

  if (selected.has('timers')) {
    const dispatchCount = Math.max(1, Math.round(Number(args['dispatch-count'])));
    results.push(
      ...(await runTimersBench({
        timerCount: Math.max(1, Math.round(Number(args['timer-count']))),
        timerSeconds: Math.max(1, Number(args['timer-seconds'])),
        dispatchLoads: [
          { count: dispatchCount, rate: Math.max(1, Number(args['dispatch-rate'])), isTarget: true },
          ...(Number(args['dispatch-stress-rate']) > 0
            ? [{ count: dispatchCount, rate: Number(args['dispatch-stress-rate']), isTarget: false }]
            : []),
        ],
        log,
      })),
    );
  }

  log('\n## Results (median, min–max over repetitions; ratio of medians)\n');
  log(toMarkdownTable(results));
  if (results.some(isSkewedByOthers))
    log(
      `\n⚠ other processes took over ${BUSY_MACHINE_PERCENT}% of a core (median) during these runs: figures lower and noisier than on an idle machine.`,
    );
  log('');
  for (const result of results) for (const note of result.notes) log(`- ${result.title}: ${note}`);
  for (const line of skipped) log(`- Skipped: ${line}`);
  const loadAverageAtEnd = os.loadavg().map((value) => Math.round(value * 100) / 100);
  log(
    `- Load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${loadAverageAtEnd.join(' ')}.`,
  );
  if (busyWarning) log(`- ${busyWarning}`);
  log(
    `\nMachine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB; Node ${machine.node}; PostgreSQL ${machine.postgres}; ${machine.date}. Load generator, server and database share these CPUs.`,
  );
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const output = {
    machine: { ...machine, loadAverageAtEnd, otherCpuPercentAtStart: busyAtStart },
    warnings: busyWarning ? [busyWarning] : [],
    options: { repetitions, seconds, warmupSeconds, only: [...selected] },
    results: results.map(toJsonResult),
    skipped,
  };
  // A profiled run is slower: it does not replace the figures of the last plain run.
  const resultsFile = path.join(RESULTS_DIR, args['cpu-prof'] ? 'latest-profiled.json' : 'latest.json');
  fs.writeFileSync(resultsFile, `${JSON.stringify(output, null, 2)}\n`);
  log(`\nWrote ${path.relative(REPO_ROOT, resultsFile)}`);
  if (results.some((result) => verdictOf(result) === 'ERROR')) process.exitCode = 1;
}

let isStopping = false;
async function stop(code: number, reason?: string): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    if (reason) process.stderr.write(`\nbench: ${reason}; cleaning up…\n`);
    await runCleanups();
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(130, 'interrupted'));
process.on('SIGTERM', () => void stop(143, 'terminated'));
const overallTimer = setTimeout(
  () => void stop(1, `over ${OVERALL_LIMIT_MS / 60_000} minutes`),
  OVERALL_LIMIT_MS,
);

main()
  .catch((error: unknown) => {
    // After Ctrl-C the cleanup drops the databases under running queries: those errors are expected.
    if (isStopping) return;
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    clearTimeout(overallTimer);
    await runCleanups();
  });
