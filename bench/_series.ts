import pg from 'pg';
import { createBenchDatabase } from './databases.ts';
import { BENCH_API_KEY, runCleanups, startChaudServer } from './processes.ts';
import { runLoad } from './load.ts';
import { makeBenchLead, toApiBody } from './lead-rows.ts';
import { describeCpu } from './cpu.ts';
try {
  const databaseUrl = await createBenchDatabase('series');
  const server = await startChaudServer({ databaseUrl });
  let n = 0;
  const c = new pg.Client({ connectionString: databaseUrl }); await c.connect();
  for (let i = 0; i < 8; i++) {
    const load = await runLoad({ url: server.url, connections: 32, duration: 2, requests: [{ method: 'POST', path: '/api/v1/leads', headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' }, setupRequest: (q) => ({ ...q, body: toApiBody(makeBenchLead('s', n++)) }) }] }, server.child.process.pid);
    const jobs = await c.query("select name, state, count(*)::int from pgboss.job group by 1,2 order by 1,2").catch((e) => ({ rows: [String(e.message)] }));
    console.log(i, Math.round(load.okPerSecond), describeCpu(load.cpu), JSON.stringify(jobs.rows));
  }
  await c.end();
} finally { await runCleanups(); }
