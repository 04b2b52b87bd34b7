import { Writable } from 'node:stream';
import type { TestContext, TestWorkspace } from '../../../test/harness.ts';

// Shared by the predictive model suites (API, command line): seeded random numbers, calls against
// the app, and what `chaud model` needs to run inside the test's context.

type Headers = { authorization: string };

/** Deterministic 0..1 numbers (a small LCG), so the planted data is the same on every run. */
export function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Output streams for runModelCommand that keep what it wrote. */
export function captureOutput() {
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

export function predictiveApiClient(test: TestContext) {
  const call = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    test.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return {
    call,
    async capture(workspace: TestWorkspace, body: Record<string, unknown>): Promise<string> {
      const response = await call('POST', '/api/v1/leads', workspace.headers, body);
      if (response.statusCode >= 300) throw new Error(`capture failed: ${response.body}`);
      return response.json().id;
    },
    async sendEvents(workspace: TestWorkspace, items: object[]): Promise<void> {
      for (let start = 0; start < items.length; start += 500) {
        const response = await call('POST', '/api/v1/events', workspace.headers, {
          events: items.slice(start, start + 500),
        });
        if (response.statusCode >= 300) throw new Error(`events failed: ${response.body}`);
      }
    },
    async moveStage(workspace: TestWorkspace, leadId: string, to: string): Promise<void> {
      const response = await call('POST', `/api/v1/leads/${leadId}/stage`, workspace.headers, {
        to,
        reason: 'outcome',
      });
      if (response.statusCode !== 200) throw new Error(`stage failed: ${response.body}`);
    },
    /** runModelCommand's openContext: the test's context, left open when the command ends. */
    openTestContext: async () => ({ ctx: test.ctx, close: async () => {} }),
  };
}
