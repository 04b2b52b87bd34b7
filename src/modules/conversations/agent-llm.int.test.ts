import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { FakeLlmServer, type RecordedLlmRequest } from './llm/fake-llm-server.fixtures.ts';

// The agent with an OpenAI-compatible model on 127.0.0.1: the model may rephrase and fill slots the
// rules missed, under the same guards, and a slow or wrong model changes nothing the lead receives.
let t: TestContext;
let workspace: TestWorkspace;
let llm: FakeLlmServer;

type Extraction = Record<string, unknown>;
let extraction: Extraction = {};
let phrase: (replies: string[]) => { content: string; delayMs?: number } = (replies) => ({
  content: JSON.stringify({ replies }),
});

const isPhrasing = (request: RecordedLlmRequest) =>
  JSON.stringify(request.body.messages).includes('message(s), in the same order');
const repliesAsked = (request: RecordedLlmRequest): string[] => {
  const user = (request.body.messages as { role: string; content: string }[]).find(
    (item) => item.role === 'user',
  );
  const match = /<messages>\n([\s\S]*?)\n<\/messages>/.exec(user?.content ?? '');
  return JSON.parse(match?.[1] ?? '[]') as string[];
};

async function newLead(firstName: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: workspace.headers,
    payload: { firstName, email: `${firstName.toLowerCase()}@example.fr` },
  });
  return (response.json() as { id: string }).id;
}

async function play(leadId: string, text: string) {
  const started = Date.now();
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sandbox/leads/${leadId}/messages`,
    headers: workspace.headers,
    payload: { text },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as { replies: { body: string }[] }), elapsedMs: Date.now() - started };
}

beforeAll(async () => {
  llm = await FakeLlmServer.start();
  llm.answer((request) =>
    isPhrasing(request) ? phrase(repliesAsked(request)) : { content: JSON.stringify(extraction) },
  );
  t = await createTestContext({
    env: { CHAUD_LLM_BASE_URL: llm.baseUrl, CHAUD_LLM_API_KEY: 'sk-test', CHAUD_LLM_MODEL: 'test-model' },
  });
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await t?.close();
  await llm?.close();
});

beforeEach(() => {
  extraction = {};
  phrase = (replies) => ({ content: JSON.stringify({ replies }) });
});

describe('agent with an LLM', () => {
  it('sends the model phrasing when it keeps the facts, tone and language', async () => {
    phrase = (replies) => ({
      content: JSON.stringify({ replies: replies.map((reply) => `Avec plaisir ! ${reply}`) }),
    });
    const leadId = await newLead('Alice');
    const turn = await play(leadId, 'Bonjour, nous cherchons un outil pour suivre nos prospects');
    expect(turn.replies[0]?.body.startsWith('Avec plaisir ! ')).toBe(true);
    expect(llm.requests.some((request) => request.authorization === 'Bearer sk-test')).toBe(true);
  });

  it('keeps the deterministic reply when the model offers a meeting the policy did not', async () => {
    phrase = (replies) => ({
      content: JSON.stringify({
        replies: replies.map(() => 'Réservons une démo demain à 10h, ça vous va ?'),
      }),
    });
    const leadId = await newLead('Bruno');
    const turn = await play(leadId, 'Bonjour, nous cherchons un outil pour suivre nos prospects');
    expect(turn.replies[0]?.body).not.toContain('démo');
    expect(turn.replies[0]?.body.length).toBeGreaterThan(10);
  });

  it('falls back to the deterministic reply when the model is too slow', async () => {
    phrase = (replies) => ({
      content: JSON.stringify({ replies: replies.map((reply) => `Lent : ${reply}`) }),
      delayMs: 6_000,
    });
    const leadId = await newLead('Chloe');
    const turn = await play(leadId, 'Bonjour, nous cherchons un outil pour suivre nos prospects');
    expect(turn.replies[0]?.body).not.toContain('Lent');
    expect(turn.elapsedMs).toBeLessThan(5_500);
  });

  it('records a budget the rules missed, quoted from the message, at a capped confidence', async () => {
    const text = 'On a mis de côté une enveloppe de quinze mille balles pour ça';
    extraction = {
      budget: {
        value: { kind: 'amount', amount: 15000, currency: 'EUR' },
        period: null,
        confidence: 0.95,
        evidence: 'une enveloppe de quinze mille balles',
      },
      authority: null,
      need: null,
      timeline: {
        value: { kind: 'date', date: '2026-01-01' },
        confidence: 0.9,
        evidence: 'a date the lead never wrote',
      },
    };
    const leadId = await newLead('Denis');
    await play(leadId, text);
    const bant = await t.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${leadId}/bant`,
      headers: workspace.headers,
    });
    const body = bant.json() as {
      current: Record<string, { value: unknown; confidence: number; source: string } | null>;
    };
    expect(body.current.budget).toMatchObject({
      value: { kind: 'amount', amount: 15000, currency: 'EUR' },
      source: 'message',
    });
    expect(body.current.budget!.confidence).toBeLessThanOrEqual(0.75);
    expect(body.current.timeline ?? null).toBeNull();
  });
});
