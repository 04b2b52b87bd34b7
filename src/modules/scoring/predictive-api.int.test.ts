import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { runModelCommand } from '../../main/commands/model.command.ts';
import { ManualClock } from '../../platform/clock.ts';
import { leadPredictions, predictiveModels } from './scoring.tables.ts';

const clock = new ManualClock('2026-05-04T09:00:00.000Z');
let test: TestContext;
let planted: TestWorkspace;
let small: TestWorkspace;

type Headers = { authorization: string };
type PlantedLead = { id: string; isStrong: boolean };
let plantedLeads: PlantedLead[] = [];

/** Deterministic 0..1 numbers (a small LCG), so the planted data is the same on every run. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const call = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
  test.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function capture(workspace: TestWorkspace, body: Record<string, unknown>): Promise<string> {
  const response = await call('POST', '/api/v1/leads', workspace.headers, body);
  if (response.statusCode >= 300) throw new Error(`capture failed: ${response.body}`);
  return response.json().id;
}

async function sendEvents(workspace: TestWorkspace, items: object[]): Promise<void> {
  for (let start = 0; start < items.length; start += 500) {
    const response = await call('POST', '/api/v1/events', workspace.headers, {
      events: items.slice(start, start + 500),
    });
    if (response.statusCode >= 300) throw new Error(`events failed: ${response.body}`);
  }
}

async function moveStage(workspace: TestWorkspace, leadId: string, to: string): Promise<void> {
  const response = await call('POST', `/api/v1/leads/${leadId}/stage`, workspace.headers, {
    to,
    reason: 'outcome',
  });
  if (response.statusCode !== 200) throw new Error(`stage failed: ${response.body}`);
}

/**
 * 200 leads whose outcome depends on country (FR), seniority (director/CEO titles), a corporate
 * e-mail and a downloaded white paper; 170 get an outcome, 30 stay open.
 */
async function buildPlantedWorkspace(workspace: TestWorkspace): Promise<PlantedLead[]> {
  const random = createRandom(20260504);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)]!;
  const result: PlantedLead[] = [];
  const events: object[] = [];
  const outcomes: { id: string; isWon: boolean }[] = [];
  for (let i = 0; i < 200; i++) {
    const country = pick(['FR', 'FR', 'BE', 'CA', 'US']);
    const jobTitle = pick([
      'Directeur commercial',
      'CEO',
      'Responsable marketing',
      'Chargé de communication',
      'Étudiant',
    ]);
    const isFree = random() < 0.4;
    const downloads = random() < 0.35 ? 1 : 0;
    const id = await capture(workspace, {
      email: `p${i}@${isFree ? 'gmail.com' : `company${i % 17}.fr`}`,
      country,
      jobTitle,
      company: { size: pick(['1-10', '11-50', '51-200']) },
      source: pick(['google', 'linkedin', 'salon']),
      utm: { source: pick(['google', 'linkedin']), medium: pick(['cpc', 'social']) },
    });
    const isSenior = /directeur|ceo/i.test(jobTitle);
    const logit =
      -1.6 +
      1.6 * (country === 'FR' ? 1 : 0) +
      1.4 * (isSenior ? 1 : 0) +
      0.8 * (isFree ? 0 : 1) +
      1.0 * downloads;
    const isWon = random() < 1 / (1 + Math.exp(-logit));
    const views = Math.floor(random() * 4);
    for (let v = 0; v < views; v++)
      events.push({ leadId: id, type: 'page_viewed', properties: { url: `https://acme.fr/blog/${v}` } });
    if (downloads) events.push({ leadId: id, type: 'content_downloaded' });
    result.push({ id, isStrong: country === 'FR' && isSenior && !isFree });
    if (i < 170) outcomes.push({ id, isWon });
  }
  await sendEvents(workspace, events);
  for (const outcome of outcomes)
    await moveStage(workspace, outcome.id, outcome.isWon ? 'customer' : 'disqualified');
  return result;
}

beforeAll(async () => {
  test = await createTestContext({ clock });
  planted = await test.createWorkspace('Planted');
  small = await test.createWorkspace('Small');
  plantedLeads = await buildPlantedWorkspace(planted);
  // 20 labelled by stage and 2 by a lost event: too few to learn from.
  for (let i = 0; i < 22; i++) {
    const id = await capture(small, { email: `s${i}@example.org`, country: 'FR' });
    if (i < 8) await moveStage(small, id, 'customer');
    else if (i < 20) await moveStage(small, id, 'disqualified');
    else await sendEvents(small, [{ leadId: id, type: 'x-lost' }]);
  }
}, 180_000);
afterAll(() => test.close());

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
const openTestContext = async () => ({ ctx: test.ctx, close: async () => {} });

describe('workspace predictive model', () => {
  it('refuses to train without enough labelled leads, counting a lost event as lost', async () => {
    const response = await call('POST', '/api/v1/scoring/model/train', small.headers);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'MODEL_NOT_ENOUGH_DATA',
      details: { labelled: 22, won: 8, lost: 14, minimumLabelled: 50 },
    });
    expect((await call('GET', '/api/v1/scoring/model', small.headers)).json().error.code).toBe(
      'MODEL_NOT_FOUND',
    );
  });

  it('says so from the command line and exits 3', async () => {
    const { io, chunks } = captureOutput();
    const code = await runModelCommand(['train', '--workspace', small.workspaceId], io, {
      openContext: openTestContext,
    });
    expect(code).toBe(3);
    expect(chunks.stderr).toMatch(/22 labelled \(8 won, 14 lost\).*MODEL_NOT_ENOUGH_DATA/);
  });

  it('answers 404 PREDICTION_NOT_FOUND before any model exists', async () => {
    const response = await call('GET', `/api/v1/leads/${plantedLeads[0]!.id}/prediction`, planted.headers);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PREDICTION_NOT_FOUND');
  });

  it('lets only admins and marketers train', async () => {
    const rep = await test.createMember(planted, 'sales_rep');
    expect((await call('POST', '/api/v1/scoring/model/train', rep.headers)).statusCode).toBe(403);
  });

  it('trains on the planted signal, reports cross-validated metrics and scores every lead', async () => {
    const response = await call('POST', '/api/v1/scoring/model/train', planted.headers);
    expect(response.statusCode).toBe(200);
    const { model, scored } = response.json();
    expect(scored).toBe(200);
    expect(model.status).toBe('active');
    expect(model.trainedOn).toMatchObject({ kind: 'workspace', leads: 170, eventWindowDays: 14 });
    expect(model.trainedOn.eventTypes).toEqual(expect.arrayContaining(['content_downloaded', 'page_viewed']));
    console.info(
      `planted workspace: AUC ${model.metrics.auc.toFixed(3)}, baselines ${JSON.stringify(model.metrics.baselines)}`,
    );
    expect(model.metrics.auc).toBeGreaterThan(0.65);
    expect(model.metrics.baselines).toEqual({
      logistic: expect.any(Number),
      naiveBayes: expect.any(Number),
      naiveBayesBinned: expect.any(Number),
    });
    expect(model.metrics.brier).toBeLessThan(0.25);
    expect(model.metrics.features).toEqual(
      expect.arrayContaining(['country', 'jobTitleGroup', 'emailDomain']),
    );

    const read = await call('GET', '/api/v1/scoring/model', planted.headers);
    expect(read.json()).toMatchObject({
      id: model.id,
      trainedOn: { leads: 170 },
      metrics: { auc: model.metrics.auc },
    });
  });

  it('gives every lead a calibrated probability with at most 5 factors, higher for the planted profile', async () => {
    const [model] = await test.ctx.db
      .select({ id: predictiveModels.id })
      .from(predictiveModels)
      .where(
        and(eq(predictiveModels.workspaceId, planted.workspaceId), eq(predictiveModels.status, 'active')),
      );
    const byProfile = { strong: [] as number[], other: [] as number[] };
    for (const lead of plantedLeads) {
      const response = await call('GET', `/api/v1/leads/${lead.id}/prediction`, planted.headers);
      expect(response.statusCode).toBe(200);
      const prediction = response.json();
      expect(prediction).toMatchObject({
        leadId: lead.id,
        modelId: model!.id,
        scoredAt: clock.now().toISOString(),
      });
      expect(prediction.probability).toBeGreaterThan(0);
      expect(prediction.probability).toBeLessThan(1);
      expect(prediction.factors.length).toBeGreaterThan(0);
      expect(prediction.factors.length).toBeLessThanOrEqual(5);
      (lead.isStrong ? byProfile.strong : byProfile.other).push(prediction.probability);
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(byProfile.strong)).toBeGreaterThan(mean(byProfile.other) + 0.2);
  });

  it('keeps models and predictions per workspace', async () => {
    expect((await call('GET', '/api/v1/scoring/model', small.headers)).statusCode).toBe(404);
    const foreign = await call('GET', `/api/v1/leads/${plantedLeads[0]!.id}/prediction`, small.headers);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('LEAD_NOT_FOUND');
    const [row] = await test.ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(leadPredictions)
      .where(eq(leadPredictions.workspaceId, small.workspaceId));
    expect(row!.total).toBe(0);
  });

  it('freezes into grid points, then into fit rules of the grid where the grid can say them', async () => {
    const points = (await call('GET', '/api/v1/scoring/model/grid-points', planted.headers)).json();
    expect(points.points[0]).toMatchObject({ feature: '(base)', rule: { kind: 'always' } });
    expect(points.points.some((point: { feature: string }) => point.feature === 'country')).toBe(true);

    const freeze = await call('POST', '/api/v1/scoring/model/freeze', planted.headers);
    expect(freeze.statusCode).toBe(200);
    const body = freeze.json();
    expect(body.rescore.mode).toBe('sync');
    expect(body.rules.length).toBeGreaterThan(0);
    expect(body.rules).toContainEqual(
      expect.objectContaining({ group: 'fit', condition: expect.objectContaining({ field: 'country' }) }),
    );
    expect(body.skipped).toContainEqual(
      expect.objectContaining({ feature: '(base)', reason: expect.stringMatching(/every lead/) }),
    );
    const grid = (await call('GET', '/api/v1/scoring/grid', planted.headers)).json();
    expect(grid.version).toBe(body.gridVersion);
    const frozenIds = grid.rules
      .filter((rule: { id: string }) => rule.id.startsWith('model-'))
      .map((rule: { id: string }) => rule.id);
    expect(frozenIds.sort()).toEqual(body.rules.map((rule: { id: string }) => rule.id).sort());
    expect(grid.rules.some((rule: { id: string }) => rule.id === 'fit-persona')).toBe(true);

    // A second freeze replaces the first one's rules instead of adding to them.
    const again = (await call('POST', '/api/v1/scoring/model/freeze', planted.headers)).json();
    const regrid = (await call('GET', '/api/v1/scoring/grid', planted.headers)).json();
    expect(regrid.rules.filter((rule: { id: string }) => rule.id.startsWith('model-'))).toHaveLength(
      again.rules.length,
    );
  });

  it('archives the previous model when it trains again', async () => {
    const first = (await call('GET', '/api/v1/scoring/model', planted.headers)).json();
    clock.advance(60_000);
    const second = (await call('POST', '/api/v1/scoring/model/train', planted.headers)).json();
    expect(second.model.id).not.toBe(first.id);
    const rows = await test.ctx.db
      .select({ id: predictiveModels.id, status: predictiveModels.status })
      .from(predictiveModels)
      .where(eq(predictiveModels.workspaceId, planted.workspaceId));
    expect(rows.filter((row) => row.status === 'active').map((row) => row.id)).toEqual([second.model.id]);
    expect(rows.find((row) => row.id === first.id)?.status).toBe('archived');
    const predictionModels = await test.ctx.db
      .selectDistinct({ modelId: leadPredictions.modelId })
      .from(leadPredictions)
      .where(eq(leadPredictions.workspaceId, planted.workspaceId));
    expect(predictionModels).toEqual([{ modelId: second.model.id }]);
  });
});

describe('retries', () => {
  it('replays a training retried with the same Idempotency-Key instead of training again', async () => {
    const headers = { ...planted.headers, 'idempotency-key': 'train-once' };
    const first = await test.app.inject({ method: 'POST', url: '/api/v1/scoring/model/train', headers });
    const second = await test.app.inject({ method: 'POST', url: '/api/v1/scoring/model/train', headers });
    expect(first.statusCode).toBe(200);
    expect(second.json().model.id).toBe(first.json().model.id);
    expect((await call('GET', '/api/v1/scoring/model', planted.headers)).json().id).toBe(
      first.json().model.id,
    );
  });
});

describe('chaud model train --csv', () => {
  it('trains on a file, stores it as the workspace model and reads leads by column name', async () => {
    const workspace = await test.createWorkspace('From CSV');
    const random = createRandom(7);
    const lines = ['Country,plan,Won'];
    for (let i = 0; i < 160; i++) {
      const plan = random() < 0.5 ? 'Yearly' : 'Monthly';
      const country = random() < 0.5 ? 'FR' : 'DE';
      const isWon = random() < (plan === 'Yearly' ? 0.7 : 0.25) + (country === 'FR' ? 0.1 : 0);
      lines.push(`${country},${plan},${isWon ? 'yes' : 'no'}`);
    }
    const file = path.join(os.tmpdir(), `chaud-train-${process.pid}-${Date.now()}.csv`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const yearly = await capture(workspace, {
      email: 'y@example.org',
      country: 'FR',
      attributes: { plan: 'Yearly' },
    });
    const monthly = await capture(workspace, {
      email: 'm@example.org',
      country: 'DE',
      attributes: { plan: 'Monthly' },
    });
    try {
      const { io, chunks } = captureOutput();
      const code = await runModelCommand(
        [
          'train',
          '--workspace',
          workspace.workspaceId,
          '--csv',
          file,
          '--label',
          'Won',
          '--positive',
          'yes',
          '--json',
        ],
        io,
        { openContext: openTestContext },
      );
      expect(chunks.stderr).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(chunks.stdout);
      expect(result.scored).toBe(2);
      expect(result.model.trainedOn).toMatchObject({ kind: 'csv', label: 'Won', positive: 'yes', rows: 160 });
      expect(result.model.metrics.auc).toBeGreaterThan(0.6);
    } finally {
      fs.rmSync(file, { force: true });
    }
    const probability = async (id: string) =>
      (await call('GET', `/api/v1/leads/${id}/prediction`, workspace.headers)).json().probability as number;
    expect(await probability(yearly)).toBeGreaterThan(await probability(monthly));

    const freeze = (await call('POST', '/api/v1/scoring/model/freeze', workspace.headers)).json();
    expect(freeze.rules).toContainEqual(
      expect.objectContaining({ condition: expect.objectContaining({ field: 'attributes.plan' }) }),
    );
  });
});
