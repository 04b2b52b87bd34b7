import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { runModelCommand } from '../../main/commands/model.command.ts';
import { ManualClock } from '../../platform/clock.ts';
import { captureOutput, createRandom, predictiveApiClient } from './predictive-api.fixtures.ts';

// Training on a CSV file from the command line; training on the workspace's own leads is in
// predictive-api.int.test.ts.

const clock = new ManualClock('2026-05-04T09:00:00.000Z');
let test: TestContext;
let api: ReturnType<typeof predictiveApiClient>;

beforeAll(async () => {
  test = await createTestContext({ clock });
  api = predictiveApiClient(test);
});
afterAll(() => test.close());

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
    const yearly = await api.capture(workspace, {
      email: 'y@example.org',
      country: 'FR',
      attributes: { plan: 'Yearly' },
    });
    const monthly = await api.capture(workspace, {
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
        { openContext: api.openTestContext },
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
      (await api.call('GET', `/api/v1/leads/${id}/prediction`, workspace.headers)).json()
        .probability as number;
    expect(await probability(yearly)).toBeGreaterThan(await probability(monthly));

    const freeze = (await api.call('POST', '/api/v1/scoring/model/freeze', workspace.headers)).json();
    expect(freeze.rules).toContainEqual(
      expect.objectContaining({ condition: expect.objectContaining({ field: 'attributes.plan' }) }),
    );
  });
});
