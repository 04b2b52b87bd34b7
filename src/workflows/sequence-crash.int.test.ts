import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChaudProcess, childDatabaseEnv, startChaud, stopChaud } from '../../test/chaud-process.ts';
import { waitFor } from '../../test/wait-for.ts';

// A real server process is killed with SIGKILL in the middle of a sequence, then started again on
// the same database: every send step must have happened exactly once.
const API_KEY = 'chaud_crash_test_key_0123456789abcdef';
const SENDS = 6;
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const child of children) await stopChaud(child, 'SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

async function start(env: Record<string, string>): Promise<ChaudProcess> {
  const server = await startChaud(env);
  children.push(server.child);
  return server;
}

async function api(server: ChaudProcess, method: string, url: string, body?: unknown) {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function sentTexts(server: ChaudProcess, conversationId: string): Promise<string[]> {
  const detail = await api(server, 'GET', `/api/v1/conversations/${conversationId}`);
  const messages = (detail.body.messages ?? []) as { author: string; body: string; status: string }[];
  return messages.filter((message) => message.author === 'system').map((message) => message.body);
}

describe('sequence durability', () => {
  it('neither skips nor repeats a step when the process is killed mid-sequence', async () => {
    const database = await childDatabaseEnv();
    cleanups.push(database.drop);
    const env = {
      ...database.env,
      CHAUD_LOG_LEVEL: 'info',
      CHAUD_ADMIN_EMAIL: 'crash@test.chaud.dev',
      CHAUD_ADMIN_PASSWORD: 'correct horse battery',
      CHAUD_ADMIN_API_KEY: API_KEY,
    };
    const first = await start(env);
    const steps = Array.from({ length: SENDS }, (_, index) => [
      { type: 'send', channel: 'whatsapp', text: `Message ${index + 1}` },
      { type: 'wait', duration: 'PT1S' },
    ]).flat();
    const sequence = await api(first, 'POST', '/api/v1/sequences', {
      name: 'Crash',
      sendWindow: null,
      dailyCap: 100,
      steps,
    });
    expect(sequence.status, JSON.stringify(sequence.body)).toBe(201);
    // The agent is off: the lead gets no opener, only the sequence's messages (sandbox channel).
    expect((await api(first, 'PUT', '/api/v1/settings/agent', { isEnabled: false })).status).toBe(200);
    const lead = await api(first, 'POST', '/api/v1/leads', {
      firstName: 'Kim',
      phone: '+33 6 20 00 00 01',
      consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
    });
    expect(lead.status).toBeLessThan(300);
    const enrolled = await api(first, 'POST', `/api/v1/sequences/${sequence.body.id}/enrollments`, {
      leadId: lead.body.id,
    });
    expect(enrolled.status).toBe(201);
    const conversations = async (server: ChaudProcess) =>
      ((await api(server, 'GET', `/api/v1/leads/${lead.body.id}/conversations`)).body.data as {
        id: string;
      }[]) ?? [];
    await waitFor(async () => (await conversations(first)).length > 0, 20_000, 'the first send');
    const conversationId = (await conversations(first))[0]!.id;
    await waitFor(async () => (await sentTexts(first, conversationId)).length >= 2, 20_000, 'two sends');
    const sentBeforeKill = (await sentTexts(first, conversationId)).length;
    await stopChaud(first.child, 'SIGKILL');
    // Killed in the middle: the remaining sends exist only as timers in the database.
    expect(sentBeforeKill).toBeLessThan(SENDS);

    const second = await start(env);
    await waitFor(
      async () =>
        (await api(second, 'GET', `/api/v1/enrollments/${enrolled.body.id}`)).body.status === 'completed',
      60_000,
      'the enrolment to complete after restart',
    );
    const texts = await sentTexts(second, conversationId);
    expect(texts).toEqual(Array.from({ length: SENDS }, (_, index) => `Message ${index + 1}`));
    await stopChaud(second.child);
  }, 180_000);
});
