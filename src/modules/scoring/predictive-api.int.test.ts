import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { runModelCommand } from '../../main/commands/model.command.ts';
import { ManualClock } from '../../platform/clock.ts';
import { captureOutput, createRandom, predictiveApiClient } from './predictive-api.fixtures.ts';
import { leadPredictions, predictiveModels } from './scoring.tables.ts';

// Training on the workspace's own leads; training on a CSV file is in predictive-model-csv.int.test.ts.

const clock = new ManualClock('2026-05-04T09:00:00.000Z');
let test: TestContext;
let api: ReturnType<typeof predictiveApiClient>;
let planted: TestWorkspace;
let small: TestWorkspace;

type PlantedLead = { id: string; isStrong: boolean };
let plantedLeads: PlantedLead[] = [];

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
    const id = await api.capture(workspace, {
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
  await api.sendEvents(workspace, events);
  for (const outcome of outcomes)
    await api.moveStage(workspace, outcome.id, outcome.isWon ? 'customer' : 'disqualified');
  return result;
}

beforeAll(async () => {
  test = await createTestContext({ clock });
  api = predictiveApiClient(test);
  planted = await test.createWorkspace('Planted');
  small = await test.createWorkspace('Small');
  plantedLeads = await buildPlantedWorkspace(planted);
  // 20 labelled by stage and 2 by a lost event: too few to learn from.
  for (let i = 0; i < 22; i++) {
    const id = await api.capture(small, { email: `s${i}@example.org`, country: 'FR' });
    if (i < 8) await api.moveStage(small, id, 'customer');
    else if (i < 20) await api.moveStage(small, id, 'disqualified');
    else await api.sendEvents(small, [{ leadId: id, type: 'x-lost' }]);
  }
}, 180_000);
afterAll(() => test.close());

describe('workspace predictive model', () => {
  it('refuses to train without enough labelled leads, counting a lost event as lost', async () => {
    const response = await api.call('POST', '/api/v1/scoring/model/train', small.headers);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'MODEL_NOT_ENOUGH_DATA',
      details: { labelled: 22, won: 8, lost: 14, minimumLabelled: 50 },
    });
    expect((await api.call('GET', '/api/v1/scoring/model', small.headers)).json().error.code).toBe(
      'MODEL_NOT_FOUND',
    );
  });

  it('says so from the command line and exits 3', async () => {
    const { io, chunks } = captureOutput();
    const code = await runModelCommand(['train', '--workspace', small.workspaceId], io, {
      openContext: api.openTestContext,
    });
    expect(code).toBe(3);
    expect(chunks.stderr).toMatch(/22 labelled \(8 won, 14 lost\).*MODEL_NOT_ENOUGH_DATA/);
  });

  it('answers 404 PREDICTION_NOT_FOUND before any model exists', async () => {
    const response = await api.call(
      'GET',
      `/api/v1/leads/${plantedLeads[0]!.id}/prediction`,
      planted.headers,
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PREDICTION_NOT_FOUND');
  });

  it('lets only admins and marketers train', async () => {
    const rep = await test.createMember(planted, 'sales_rep');
    expect((await api.call('POST', '/api/v1/scoring/model/train', rep.headers)).statusCode).toBe(403);
  });

  it('trains on the planted signal, reports cross-validated metrics and scores every lead', async () => {
    const response = await api.call('POST', '/api/v1/scoring/model/train', planted.headers);
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

    const read = await api.call('GET', '/api/v1/scoring/model', planted.headers);
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
      const response = await api.call('GET', `/api/v1/leads/${lead.id}/prediction`, planted.headers);
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
    expect((await api.call('GET', '/api/v1/scoring/model', small.headers)).statusCode).toBe(404);
    const foreign = await api.call('GET', `/api/v1/leads/${plantedLeads[0]!.id}/prediction`, small.headers);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('LEAD_NOT_FOUND');
    const [row] = await test.ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(leadPredictions)
      .where(eq(leadPredictions.workspaceId, small.workspaceId));
    expect(row!.total).toBe(0);
  });

  it('freezes into grid points, then into fit rules of the grid where the grid can say them', async () => {
    const points = (await api.call('GET', '/api/v1/scoring/model/grid-points', planted.headers)).json();
    expect(points.points[0]).toMatchObject({ feature: '(base)', rule: { kind: 'always' } });
    expect(points.points.some((point: { feature: string }) => point.feature === 'country')).toBe(true);

    const freeze = await api.call('POST', '/api/v1/scoring/model/freeze', planted.headers);
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
    const grid = (await api.call('GET', '/api/v1/scoring/grid', planted.headers)).json();
    expect(grid.version).toBe(body.gridVersion);
    const frozenIds = grid.rules
      .filter((rule: { id: string }) => rule.id.startsWith('model-'))
      .map((rule: { id: string }) => rule.id);
    expect(frozenIds.sort()).toEqual(body.rules.map((rule: { id: string }) => rule.id).sort());
    expect(grid.rules.some((rule: { id: string }) => rule.id === 'fit-persona')).toBe(true);

    // A second freeze replaces the first one's rules instead of adding to them.
    const again = (await api.call('POST', '/api/v1/scoring/model/freeze', planted.headers)).json();
    const regrid = (await api.call('GET', '/api/v1/scoring/grid', planted.headers)).json();
    expect(regrid.rules.filter((rule: { id: string }) => rule.id.startsWith('model-'))).toHaveLength(
      again.rules.length,
    );
  });

  it('archives the previous model when it trains again', async () => {
    const first = (await api.call('GET', '/api/v1/scoring/model', planted.headers)).json();
    clock.advance(60_000);
    const second = (await api.call('POST', '/api/v1/scoring/model/train', planted.headers)).json();
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
    expect((await api.call('GET', '/api/v1/scoring/model', planted.headers)).json().id).toBe(
      first.json().model.id,
    );
  });
});
