// Issue 3, measurements 1 and 3: leads/s accepted by POST /api/v1/leads against COPY of the same rows
// into the same `leads` table (PostgreSQL), and the same API ingest on PGlite against PostgreSQL.
import pg from 'pg';
import { openPglite } from '../src/platform/db/open-database.ts';
import { type CpuShare, describeCpu, describeMedianCpu, medianOthers } from './cpu.ts';
import { copyFromStdin } from './databases.ts';
import { COPY_COLUMNS, makeBenchLead, makeCopyPayload, toApiBody } from './lead-rows.ts';
import { type LoadResult, runLoad } from './load.ts';
import { BENCH_API_KEY, type ChaudServer } from './processes.ts';
import { type BenchResult, summarize } from './stats.ts';

export interface IngestOptions {
  repetitions: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  copyRows: number;
  log(line: string): void;
}

export interface IngestTargets {
  postgres: { server: ChaudServer; databaseUrl: string };
  pglite: { server: ChaudServer; dataDir: string };
}

const COPY_SQL = `COPY leads (${COPY_COLUMNS.join(', ')}) FROM STDIN`;

/** Sustained API ingest: every request creates a new lead (a unique email per request). */
async function loadLeads(server: ChaudServer, series: string, options: IngestOptions, seconds: number) {
  let counter = 0;
  return runLoad(
    {
      url: server.url,
      connections: options.connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/leads',
          headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: toApiBody(makeBenchLead(series, counter++)) }),
        },
      ],
    },
    server.child.process.pid,
  );
}

async function findWorkspaceId(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM workspaces ORDER BY created_at LIMIT 1',
  );
  if (!rows[0]) throw new Error('the server created no workspace');
  return rows[0].id;
}

/** Checks that COPY fills the columns the API fills for the same lead, so both load the same rows. */
async function compareRowShapes(
  server: ChaudServer,
  client: pg.Client,
  workspaceId: string,
): Promise<string> {
  const lead = makeBenchLead('shape', 0);
  const response = await fetch(`${server.url}/api/v1/leads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
    body: toApiBody(lead),
  });
  if (response.status !== 201) throw new Error(`POST /api/v1/leads answered ${response.status}`);
  const { rows } = await client.query('SELECT * FROM leads WHERE workspace_id = $1 AND email = $2', [
    workspaceId,
    lead.email,
  ]);
  const apiRow = rows[0] as Record<string, unknown>;
  const defaults = new Set([
    'stage',
    'temperature',
    'attributes',
    'score',
    'fit_score',
    'engagement_score',
    'version',
  ]);
  const filledByApi = Object.keys(apiRow).filter(
    (column) => apiRow[column] !== null && !defaults.has(column),
  );
  const copied = new Set<string>(COPY_COLUMNS);
  const missing = filledByApi.filter((column) => !copied.has(column));
  return missing.length === 0
    ? `COPY fills every column the API fills (${filledByApi.length} non-default columns).`
    : `COPY leaves columns the API fills: ${missing.join(', ')}.`;
}

async function copyIntoPostgres(client: pg.Client, workspaceId: string, series: string, rows: number) {
  const payload = makeCopyPayload(workspaceId, series, rows);
  const started = performance.now();
  const copied = await copyFromStdin(client, COPY_SQL, payload);
  const seconds = (performance.now() - started) / 1000;
  if (copied !== rows) throw new Error(`COPY loaded ${copied} rows, expected ${rows}`);
  return copied / seconds;
}

function describeLoad(label: string, load: LoadResult): string {
  const codes = Object.entries(load.statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  return `${label}: ${Math.round(load.okPerSecond)}/s (${load.ok} ok, ${load.failed} failed [${codes}], p50 ${load.latencyP50Ms} ms, p99 ${load.latencyP99Ms} ms; ${describeCpu(load.cpu)})`;
}

/**
 * Untimed, before each PostgreSQL measurement: vacuum and checkpoint, so neither the API nor COPY
 * pays for the other's leftovers (autovacuum after 100k COPY rows, dirty pages, GIN pending list).
 */
async function settlePostgres(client: pg.Client): Promise<void> {
  await client.query('VACUUM (ANALYZE) leads, lead_identities, events');
  // CHECKPOINT needs superuser or pg_checkpoint; without it the vacuum alone still settles the tables.
  await client.query('CHECKPOINT').catch(() => {});
}

/** PGlite's COPY baseline runs after its server stopped: the embedded folder has one owner at a time. */
export async function copyIntoPglite(dataDir: string, repetitions: number, rows: number): Promise<number[]> {
  const handle = await openPglite({ dataDir }, { purpose: 'npm run bench (COPY baseline)' });
  try {
    const [workspace] = await handle.query<{ id: string }>('SELECT id FROM workspaces LIMIT 1');
    if (!workspace) throw new Error('no workspace in the PGlite folder');
    const samples: number[] = [];
    for (let rep = 0; rep < repetitions; rep++) {
      const blob = new Blob([new Uint8Array(makeCopyPayload(workspace.id, `pglite-copy-r${rep}`, rows))]);
      const started = performance.now();
      await handle.pglite!.query(`COPY leads (${COPY_COLUMNS.join(', ')}) FROM '/dev/blob'`, [], { blob });
      samples.push(rows / ((performance.now() - started) / 1000));
    }
    return samples;
  } finally {
    await handle.close();
  }
}

/** For information: the API on PGlite against COPY into PGlite (`FROM '/dev/blob'`). */
export function toPgliteCopyResult(apiPglite: number[], copySamples: number[], rows: number): BenchResult {
  return {
    id: 'ingest-api-vs-copy-pglite',
    title: 'Ingest: POST /api/v1/leads vs COPY, PGlite (information)',
    unit: 'leads/s',
    figure: summarize(apiPglite),
    baselineTitle: `COPY leads FROM '/dev/blob' (${rows.toLocaleString('en-US')} rows, rows/s)`,
    baseline: summarize(copySamples),
    targetRatio: null,
    notes: ['COPY runs in the bench process on the same folder once the PGlite server has stopped.'],
  };
}

export async function runIngestBench(targets: IngestTargets, options: IngestOptions) {
  const { log } = options;
  const client = new pg.Client({ connectionString: targets.postgres.databaseUrl });
  await client.connect();
  try {
    const workspaceId = await findWorkspaceId(client);
    const shapeNote = await compareRowShapes(targets.postgres.server, client, workspaceId);
    log(`  ${shapeNote}`);
    log(`  warm-up ${options.warmupSeconds} s on each server`);
    await loadLeads(targets.postgres.server, 'warm-pg', options, options.warmupSeconds);
    await loadLeads(targets.pglite.server, 'warm-pglite', options, options.warmupSeconds);
    await copyIntoPostgres(client, workspaceId, 'warm-copy', Math.min(options.copyRows, 20_000));

    const apiPostgres: number[] = [];
    const copyPostgres: number[] = [];
    const apiPglite: number[] = [];
    const cpuPostgres: CpuShare[] = [];
    const cpuPglite: CpuShare[] = [];
    const failures: string[] = [];
    for (let rep = 0; rep < options.repetitions; rep++) {
      await settlePostgres(client);
      const onPostgres = await loadLeads(targets.postgres.server, `pg-r${rep}`, options, options.seconds);
      log(`  rep ${rep + 1}: ${describeLoad('API on PostgreSQL', onPostgres)}`);
      await settlePostgres(client);
      const copyRate = await copyIntoPostgres(client, workspaceId, `copy-r${rep}`, options.copyRows);
      log(
        `  rep ${rep + 1}: COPY FROM STDIN on PostgreSQL: ${Math.round(copyRate)} rows/s (${options.copyRows} rows)`,
      );
      const onPglite = await loadLeads(targets.pglite.server, `pglite-r${rep}`, options, options.seconds);
      log(`  rep ${rep + 1}: ${describeLoad('API on PGlite', onPglite)}`);
      apiPostgres.push(onPostgres.okPerSecond);
      copyPostgres.push(copyRate);
      apiPglite.push(onPglite.okPerSecond);
      cpuPostgres.push(onPostgres.cpu);
      cpuPglite.push(onPglite.cpu);
      for (const [label, load] of [
        ['PostgreSQL', onPostgres],
        ['PGlite', onPglite],
      ] as const)
        if (load.failed > 0) failures.push(`rep ${rep + 1} on ${label}: ${load.failed} requests not 2xx`);
    }
    const common = `${options.connections} keep-alive connections, ${options.repetitions} × ${options.seconds} s, a new lead (unique email) per request`;
    const results: BenchResult[] = [
      {
        id: 'ingest-api-vs-copy-postgres',
        title: 'Ingest: POST /api/v1/leads vs COPY, PostgreSQL',
        unit: 'leads/s',
        figure: summarize(apiPostgres),
        baselineTitle: `COPY leads FROM STDIN (${options.copyRows.toLocaleString('en-US')} rows, rows/s)`,
        baseline: summarize(copyPostgres),
        targetRatio: 1 / 20,
        otherCpuPercent: medianOthers(cpuPostgres),
        notes: [
          common,
          'COPY FROM STDIN is sent over one node-postgres connection (CopyData messages, no pg-copy-streams).',
          'Before each API run and each COPY: VACUUM (ANALYZE) of leads, lead_identities, events and CHECKPOINT, untimed.',
          shapeNote,
          describeMedianCpu('CPU during the API runs on PostgreSQL', cpuPostgres),
          ...failures,
        ],
      },
      {
        id: 'ingest-api-pglite-vs-postgres',
        title: 'Ingest: POST /api/v1/leads, PGlite vs PostgreSQL',
        unit: 'leads/s',
        figure: summarize(apiPglite),
        baselineTitle: 'the same API ingest on PostgreSQL (leads/s)',
        baseline: summarize(apiPostgres),
        targetRatio: 0.35,
        otherCpuPercent: medianOthers(cpuPglite, cpuPostgres),
        notes: [common, describeMedianCpu('CPU during the API runs on PGlite', cpuPglite)],
      },
    ];
    return { results, apiPglite };
  } finally {
    await client.end();
  }
}
