import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { waitFor } from '../../test/wait-for.ts';
import type { Database } from './db/database.ts';
import { notifyOnCommit } from './notifications.ts';
import { announceSettingsChange, SettingsCache, settingsCache } from './settings-cache.ts';

let test: TestContext;
let db: Database;

beforeAll(async () => {
  test = await createTestContext();
  db = test.ctx.db;
});
afterAll(() => test.close());

/** A loader that counts its calls and returns what `current` holds when called. */
function counter(initial: string) {
  const state = { current: initial, calls: 0 };
  const load = async () => {
    state.calls++;
    return state.current;
  };
  return { state, load };
}

describe('SettingsCache', () => {
  it('loads once per workspace within its delay, and again after it', async () => {
    const cache = new SettingsCache<string>('test_delay', 40);
    const { state, load } = counter('v1');
    expect(await cache.get(db, 'ws_a', load)).toBe('v1');
    state.current = 'v2';
    expect(await cache.get(db, 'ws_a', load)).toBe('v1');
    expect(await cache.get(db, 'ws_b', load)).toBe('v2');
    expect(state.calls).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cache.get(db, 'ws_a', load)).toBe('v2');
    expect(state.calls).toBe(3);
  });

  it('does not keep a value loaded while a change was announced', async () => {
    const cache = new SettingsCache<string>('test_race');
    let release = () => {};
    const slowLoad = () => new Promise<string>((resolve) => (release = () => resolve('old')));
    const pending = cache.get(db, 'ws_a', slowLoad);
    cache.forget('ws_a'); // the change commits while the old value is on its way
    release();
    expect(await pending).toBe('old');
    const { load } = counter('new');
    expect(await cache.get(db, 'ws_a', load)).toBe('new');
  });

  it('does not keep what a transaction announcing a change read, which may roll back', async () => {
    const kind = `test_rollback_${Date.now()}`;
    const cache = settingsCache<string>(kind);
    await expect(
      db.transaction(async (inner) => {
        const tx = inner as unknown as Database;
        await announceSettingsChange(tx, kind, 'ws_a');
        expect(await cache.get(tx, 'ws_a', async () => 'uncommitted')).toBe('uncommitted');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await cache.get(db, 'ws_a', async () => 'committed')).toBe('committed');
  });

  it('forgets a workspace when a change notice arrives (from any process) after its commit', async () => {
    const kind = `test_notice_${Date.now()}`;
    const cache = settingsCache<string>(kind);
    const { state, load } = counter('before');
    expect(await cache.get(db, 'ws_n', load)).toBe('before');
    state.current = 'after';
    // The notice alone, as another process's announcement reaches this one (no local forget).
    await db.transaction(async (inner) => {
      await notifyOnCommit(inner as unknown as Database, 'chaud_settings_changed', {
        kind,
        workspaceId: 'ws_n',
      });
    });
    await waitFor(async () => (await cache.get(db, 'ws_n', load)) === 'after', 5_000, 'the notice');
  });
});

describe('cached settings on the capture path', () => {
  it('scores a capture with the grid saved just before, not the cached one', async () => {
    const workspace = await test.createWorkspace();
    const capture = async (email: string) => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/leads',
        headers: workspace.headers,
        payload: { email, jobTitle: 'Directeur Commercial France' },
      });
      expect(response.statusCode, response.body).toBe(201);
      // The capture answers with the lead as captured; scoring ran in the same transaction.
      const { id } = response.json() as { id: string };
      const lead = await test.app.inject({
        method: 'GET',
        url: `/api/v1/leads/${id}`,
        headers: workspace.headers,
      });
      return lead.json() as { fitScore: number };
    };
    const before = await capture('first@example.org');
    const saved = await test.app.inject({
      method: 'PUT',
      url: '/api/v1/scoring/settings',
      headers: workspace.headers,
      payload: { icp: { personas: ['directeur commercial'] } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await capture('second@example.org');
    expect(after.fitScore).toBeGreaterThan(before.fitScore);
  });
});
