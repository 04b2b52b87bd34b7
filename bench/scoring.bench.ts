// Issue 4: (a) leads scored per second by the compiled grid vs json-rules-engine on the same rules and
// leads; (b) rescoring 100k leads after a rule change, set-based with score_changes and contributions,
// vs one plain UPDATE computing the same scores. Runs from `npm run bench` or alone:
// `node bench/scoring.bench.ts [--leads 100000] [--reps 5] [--only cpu,postgres,pglite]`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createWorkspace } from '../src/modules/access/index.ts';
import { defaultGridRules } from '../src/modules/scoring/grid/default-grid.ts';
import { compileGrid } from '../src/modules/scoring/grid/grid.engine.ts';
import {
  type ScoringRule,
  type ScoringSettings,
  ZScoringSettings,
} from '../src/modules/scoring/grid/grid.schemas.ts';
import { compileGridSql, type GridDocument, rescoreWorkspace } from '../src/modules/scoring/index.ts';
import { inSetBasedTransaction } from '../src/modules/scoring/workspace-rescore.service.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { applyMigrations } from '../src/platform/db/migrate.ts';
import { openPglite, openPostgres } from '../src/platform/db/open-database.ts';
import { createBenchDatabase } from './databases.ts';
import { createRulesEngineScorer, makeBenchLeads } from './scoring-rules-engine.ts';
import { type BenchResult, summarize } from './stats.ts';

export interface ScoringBenchOptions {
  repetitions: number;
  /** Leads of the rescore measurement (100k in the issue), ~5 events each. */
  leads: number;
  targets: Set<'cpu' | 'postgres' | 'pglite'>;
  log(line: string): void;
}

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const SETTINGS: ScoringSettings = ZScoringSettings.parse({
  icp: {
    personas: ['directeur commercial', 'head of sales', 'CEO'],
    companySizes: [{ min: 50, max: 500 }],
    industries: ['SaaS', 'Logiciel'],
    countries: ['FR'],
  },
});
// The "rule change" of measurement (b): the pricing page is worth more, personas and half-life change.
const CHANGED_RULES: ScoringRule[] = defaultGridRules().map((rule) =>
  rule.id === 'eng-pricing-page' ? { ...rule, points: 30 } : rule,
);
const CHANGED_SETTINGS: ScoringSettings = {
  ...SETTINGS,
  halfLifeDays: 21,
  icp: { ...SETTINGS.icp, personas: ['directeur commercial', 'head of sales'] },
};

async function measureCpu(options: ScoringBenchOptions): Promise<BenchResult> {
  const leads = makeBenchLeads(10_000, NOW);
  const compiled = compileGrid(defaultGridRules(), SETTINGS);
  const rulesEngine = createRulesEngineScorer(defaultGridRules(), SETTINGS, NOW);
  // The translation is checked before it is timed: both engines must give every lead the same total.
  let disagreements = 0;
  for (const lead of leads)
    if (Math.abs((await rulesEngine(lead)) - compiled.score(lead.facts, lead.events, NOW).total) > 0.01)
      disagreements += 1;
  const figure: number[] = [];
  const baseline: number[] = [];
  for (let rep = 0; rep < options.repetitions; rep++) {
    let passes = 0;
    const started = performance.now();
    // Several passes so the compiled engine runs long enough to time (≥ 0.5 s).
    while (performance.now() - started < 500 || passes === 0) {
      for (const lead of leads) compiled.score(lead.facts, lead.events, NOW);
      passes += 1;
    }
    figure.push((passes * leads.length) / ((performance.now() - started) / 1000));
    const engineStarted = performance.now();
    for (const lead of leads) await rulesEngine(lead);
    baseline.push(leads.length / ((performance.now() - engineStarted) / 1000));
    options.log(
      `  rep ${rep + 1}: compiled ${Math.round(figure.at(-1)!)} leads/s, json-rules-engine ${Math.round(baseline.at(-1)!)} leads/s`,
    );
  }
  return {
    id: 'scoring-compiled-vs-json-rules-engine',
    title: 'Grid scoring, compiled engine (10k leads, default grid)',
    unit: 'leads/s',
    figure: summarize(figure),
    baselineTitle: 'json-rules-engine 7, same rules, leads and events',
    baseline: summarize(baseline),
    targetRatio: 10,
    notes: [
      `json-rules-engine: one rule per grid rule; facts jobTitleFolded/employeeCount/industryFolded with operators containsAnyOf/inRanges/in; engagement via a dynamic matchCount fact (type, pricing filter, window) ≥ 1 or minCount, decay from a latestMatchAgeMs fact; ${disagreements} of ${leads.length} leads disagree with the compiled engine`,
    ],
  };
}

/** `leads` leads with ~5 events each, generated server-side (same distribution on both databases). */
export async function loadWorkspace(handle: DatabaseHandle, leads: number): Promise<string> {
  const workspaceId = await createWorkspace(handle.db, 'bench scoring');
  await handle.db.execute(sql`SELECT setseed(0.42)`);
  await handle.db.execute(sql`
    INSERT INTO leads (id, workspace_id, job_title, company_size, company_industry, country, email)
    SELECT 'lead_b' || lpad(n::text, 8, '0'), ${workspaceId}::text,
      (ARRAY['Directeur Commercial', 'head of sales', 'CEO', 'Développeur', 'Stagiaire', 'Comptable'])[1 + n % 6],
      (ARRAY['1-10', '50-199', '200-499', '500+', '12 salariés', ''])[1 + (n / 7) % 6],
      (ARRAY['SaaS', 'Logiciel', 'Industrie', 'Santé'])[1 + (n / 3) % 4], 'FR', 'lead' || n || '@example.com'
    FROM generate_series(1, ${leads}::int) AS n`);
  await handle.db.execute(sql`
    INSERT INTO events (id, workspace_id, lead_id, type, occurred_at, source, properties)
    SELECT 'evt_b' || lpad(n::text, 9, '0'), ${workspaceId}::text, 'lead_b' || lpad((1 + n % ${leads}::int)::text, 8, '0'),
      t.type, ${new Date(NOW)}::timestamptz - random() * interval '120 days', 'bench',
      CASE WHEN t.type = 'page_viewed' THEN jsonb_build_object('isPricingPage', random() < 0.3) ELSE '{}'::jsonb END
    FROM generate_series(1, ${leads * 5}::int) AS n
    CROSS JOIN LATERAL (SELECT (ARRAY['page_viewed', 'page_viewed', 'email_opened', 'email_opened', 'content_downloaded', 'form_submitted', 'demo_requested', 'bounced'])[1 + floor(random() * 8)::int + (n * 0)] AS type) t`);
  await handle.db.execute(sql`ANALYZE leads`);
  await handle.db.execute(sql`ANALYZE events`);
  return workspaceId;
}

async function measureRescore(
  kind: 'postgres' | 'pglite',
  options: ScoringBenchOptions,
): Promise<BenchResult> {
  const handle =
    kind === 'postgres'
      ? await openPostgres(await createBenchDatabase('scoring'))
      : await openPglite({ memory: true });
  try {
    await applyMigrations(handle);
    const loadStarted = performance.now();
    const workspaceId = await loadWorkspace(handle, options.leads);
    options.log(
      `  ${kind}: loaded ${options.leads} leads and ${options.leads * 5} events in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
    const before: GridDocument = { version: 1, rules: defaultGridRules(), settings: SETTINGS };
    const after: GridDocument = { version: 2, rules: CHANGED_RULES, settings: CHANGED_SETTINGS };
    const now = new Date(NOW);
    const figure: number[] = [];
    const baseline: number[] = [];
    const changed: number[] = [];
    for (let rep = 0; rep < options.repetitions; rep++) {
      // Baseline: the stored scores become the old grid's; then the rule change is rescored for real.
      const plainStarted = performance.now();
      await inSetBasedTransaction(handle.db, (tx) =>
        tx.execute(sql`UPDATE leads SET fit_score = s.fit::real, engagement_score = s.engagement::real, score = s.total::real
          FROM (${compileGridSql(before.rules, before.settings, { workspaceId, nowMs: NOW })}) AS s
          WHERE leads.id = s.lead_id AND leads.workspace_id = ${workspaceId}::text`),
      );
      const plainSeconds = (performance.now() - plainStarted) / 1000;
      const started = performance.now();
      const result = await rescoreWorkspace(handle.db, workspaceId, { kind: 'grid_change' }, now, {
        grid: after,
      });
      const seconds = (performance.now() - started) / 1000;
      figure.push(result.scored / seconds);
      baseline.push(options.leads / plainSeconds);
      changed.push(result.changed);
      options.log(
        `  rep ${rep + 1}: rescoreWorkspace ${seconds.toFixed(2)} s (${result.changed} changed), plain UPDATE ${plainSeconds.toFixed(2)} s`,
      );
    }
    const secondsOf = (rates: number[]) => summarize(rates.map((rate) => options.leads / rate));
    const time = secondsOf(figure);
    const plain = secondsOf(baseline);
    return {
      id: `scoring-rescore-${kind}`,
      title: `Rescore ${options.leads / 1000}k leads after a rule change (${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'})`,
      unit: 'leads/s',
      figure: summarize(figure),
      baselineTitle: 'one plain UPDATE computing the same scores',
      baseline: summarize(baseline),
      // Time at most 3× the plain UPDATE's = rate at least 1/3 of it.
      targetRatio: 1 / 3,
      notes: [
        `rescoreWorkspace ${time.median.toFixed(2)} s (min ${time.min.toFixed(2)}, max ${time.max.toFixed(2)}) vs plain UPDATE ${plain.median.toFixed(2)} s (min ${plain.min.toFixed(2)}, max ${plain.max.toFixed(2)}); time ratio ${(time.median / plain.median).toFixed(2)}× (target ≤ 3×); ${changed[0]} leads changed per run, each with a score_changes row and its contributions; ~5 events per lead`,
      ],
    };
  } finally {
    await handle.close();
  }
}

export async function runScoringBench(options: ScoringBenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (options.targets.has('cpu')) {
    options.log('\n## Grid scoring: compiled engine vs json-rules-engine');
    results.push(await measureCpu(options));
  }
  for (const kind of ['postgres', 'pglite'] as const) {
    if (!options.targets.has(kind)) continue;
    options.log(`\n## Set-based rescore after a rule change (${kind})`);
    results.push(await measureRescore(kind, options));
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      leads: { type: 'string', default: '100000' },
      reps: { type: 'string', default: '5' },
      only: { type: 'string', default: 'cpu,postgres,pglite' },
    },
  });
  const { toMarkdownTable } = await import('./stats.ts');
  const { runCleanups } = await import('./processes.ts');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const results = await runScoringBench({
      repetitions: Math.max(1, Number(values.reps)),
      leads: Math.max(1, Number(values.leads)),
      targets: new Set(values.only.split(',').map((item) => item.trim())) as ScoringBenchOptions['targets'],
      log,
    });
    log(`\n${toMarkdownTable(results)}\n`);
    for (const result of results) for (const note of result.notes) log(`- ${result.title}: ${note}`);
  } finally {
    await runCleanups();
  }
}
