// Issue 3, measurement 2: requests/s of GET /api/v1/leads/:id with a Bearer API key against a bare
// node:http server doing the same work on the same database; and, for information, against "hello".
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { type CpuShare, describeCpu, describeMedianCpu, medianOthers } from './cpu.ts';
import { makeBenchLead, toApiBody } from './lead-rows.ts';
import { type LoadResult, runLoad } from './load.ts';
import {
  BENCH_API_KEY,
  type ChaudServer,
  findFreePort,
  LOOPBACK,
  startChild,
  waitForHttp,
} from './processes.ts';
import { type BenchResult, summarize } from './stats.ts';

export interface ReadRouteOptions {
  repetitions: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  log(line: string): void;
}

const LEAD_COUNT = 100;

async function startBaseline(script: string, env: Record<string, string>): Promise<ChaudServer> {
  const port = await findFreePort();
  const child = startChild(process.execPath, [script], { PORT: String(port), HOST: LOOPBACK, ...env });
  const url = `http://${LOOPBACK}:${port}`;
  await waitForHttp(`${url}/health`, child, 30_000);
  return { url, child };
}

async function seedLeads(server: ChaudServer): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < LEAD_COUNT; index++) {
    const response = await fetch(`${server.url}/api/v1/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
      body: toApiBody(makeBenchLead('read', index)),
    });
    const body = (await response.json()) as { id?: string };
    if (!response.ok || !body.id) throw new Error(`seeding a lead answered ${response.status}`);
    ids.push(body.id);
  }
  return ids;
}

/** Fresh planner statistics and visibility map, whatever ran before (the ingest bench's COPY). */
async function settleTables(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE) leads, lead_identities, api_keys, users');
  } finally {
    await client.end();
  }
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${BENCH_API_KEY}` } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

function loadReads(server: ChaudServer, leadIds: string[], options: ReadRouteOptions, seconds: number) {
  const headers = { authorization: `Bearer ${BENCH_API_KEY}` };
  return runLoad(
    {
      url: server.url,
      connections: options.connections,
      duration: seconds,
      requests: leadIds.map((id) => ({ method: 'GET', path: `/api/v1/leads/${id}`, headers })),
    },
    server.child.process.pid,
  );
}

function describe(label: string, load: LoadResult): string {
  return `${label}: ${Math.round(load.okPerSecond)} req/s (${load.failed} failed, p50 ${load.latencyP50Ms} ms, p99 ${load.latencyP99Ms} ms; ${describeCpu(load.cpu)})`;
}

export async function runReadRouteBench(
  chaud: ChaudServer,
  databaseUrl: string,
  options: ReadRouteOptions,
): Promise<BenchResult[]> {
  const { log } = options;
  const leadIds = await seedLeads(chaud);
  await settleTables(databaseUrl);
  const scriptDir = `${import.meta.dirname}/servers`;
  const bare = await startBaseline(`${scriptDir}/bare-read.server.ts`, { DATABASE_URL: databaseUrl });
  const hello = await startBaseline(`${scriptDir}/hello.server.ts`, {});
  try {
    const sample = `/api/v1/leads/${leadIds[0]}`;
    const isSameBody = isDeepStrictEqual(await getJson(chaud.url + sample), await getJson(bare.url + sample));
    const sameNote = isSameBody
      ? 'The bare server returns the same JSON as the Chaud route for the same lead.'
      : 'WARNING: the bare server and the Chaud route return different JSON for the same lead.';
    log(`  ${sameNote}`);
    log(`  warm-up ${options.warmupSeconds} s on each server`);
    for (const server of [chaud, bare, hello])
      await loadReads(server, leadIds, options, options.warmupSeconds);

    const onChaud: number[] = [];
    const onBare: number[] = [];
    const onHello: number[] = [];
    const cpuChaud: CpuShare[] = [];
    const cpuBare: CpuShare[] = [];
    const cpuHello: CpuShare[] = [];
    const failures: string[] = [];
    // Interleaved repetitions, so drift (autovacuum, page cache, CPU boost) touches all three alike.
    for (let rep = 0; rep < options.repetitions; rep++) {
      for (const [label, server, samples, cpuShares] of [
        ['Chaud GET /api/v1/leads/:id', chaud, onChaud, cpuChaud],
        ['bare node:http, same work', bare, onBare, cpuBare],
        ['bare node:http hello', hello, onHello, cpuHello],
      ] as const) {
        const load = await loadReads(server, leadIds, options, options.seconds);
        log(`  rep ${rep + 1}: ${describe(label, load)}`);
        samples.push(load.okPerSecond);
        cpuShares.push(load.cpu);
        if (load.failed > 0) failures.push(`rep ${rep + 1}, ${label}: ${load.failed} requests not 2xx`);
      }
    }
    const common = `${options.connections} keep-alive connections, ${options.repetitions} × ${options.seconds} s, ${LEAD_COUNT} leads read in turn, PostgreSQL`;
    return [
      {
        id: 'read-route-vs-bare-same-work',
        title: 'Read: GET /api/v1/leads/:id (Bearer key) vs bare node:http doing the same work',
        unit: 'req/s',
        figure: summarize(onChaud),
        baselineTitle: 'bare node:http: key hash lookup, same SQL, JSON (req/s)',
        baseline: summarize(onBare),
        targetRatio: 0.6,
        otherCpuPercent: medianOthers(cpuChaud, cpuBare),
        notes: [
          common,
          'Both cache the resolved API key for 5 s (the app does; the baseline copies that policy).',
          'VACUUM (ANALYZE) of the tables read, untimed, before the first run.',
          sameNote,
          describeMedianCpu('CPU during the Chaud runs', cpuChaud),
          describeMedianCpu('CPU during the bare runs', cpuBare),
          ...failures,
        ],
      },
      {
        id: 'read-route-vs-bare-hello',
        title: 'Read: GET /api/v1/leads/:id vs bare node:http "hello" (information)',
        unit: 'req/s',
        figure: summarize(onChaud),
        baselineTitle: 'bare node:http hello (req/s)',
        baseline: summarize(onHello),
        targetRatio: null,
        otherCpuPercent: medianOthers(cpuChaud, cpuHello),
        notes: [common],
      },
    ];
  } finally {
    await bare.child.stop();
    await hello.child.stop();
  }
}
