import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MessageSlots } from '../nlu/understand-message.ts';
import { FakeLlmServer } from './fake-llm-server.fixtures.ts';
import { OpenAiCompatibleClient } from './llm-client.ts';
import { mergeSlots } from './llm-extraction.rules.ts';
import { extractSlotsWithLlm, type LlmExtractionInput } from './llm-extraction.ts';

let server: FakeLlmServer;
let client: OpenAiCompatibleClient;
beforeAll(async () => {
  server = await FakeLlmServer.start();
  client = new OpenAiCompatibleClient({ baseUrl: server.baseUrl, apiKey: 'sk-extract', model: 'extractor' });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const TEXT =
  "Je suis le gérant. On voudrait automatiser   nos relances clients, avec une enveloppe d'une vingtaine de milliers d'euros, idéalement avant l'été.";
const input = (overrides: Partial<LlmExtractionInput> = {}): LlmExtractionInput => ({
  text: TEXT,
  language: 'fr',
  now: new Date('2026-03-10T09:00:00Z'),
  timezone: 'Europe/Paris',
  expectedSlot: null,
  ...overrides,
});

const GOOD_ANSWER = {
  budget: {
    value: { kind: 'amount', amount: 20000, currency: 'EUR' },
    period: null,
    confidence: 0.9,
    evidence: "une vingtaine de milliers d'euros",
  },
  authority: { value: 'decision_maker', confidence: 0.95, evidence: 'je suis le GÉRANT' },
  need: {
    value: { text: 'Automatiser les relances clients' },
    confidence: 0.6,
    evidence: 'automatiser nos relances clients',
  },
  timeline: { value: { kind: 'date', date: '2026-06-20' }, confidence: 0.7, evidence: "avant l'été" },
};

describe('extractSlotsWithLlm', () => {
  it("keeps valid, grounded slots with the model's confidence capped at 0.75", async () => {
    server.answerJson(GOOD_ANSWER);

    const result = await extractSlotsWithLlm(client, input());

    expect(result.usedLlm).toBe(true);
    expect(result.fallbackReason).toBeNull();
    expect(result.rejected).toEqual([]);
    expect(result.slots).toEqual({
      budget: {
        value: { kind: 'amount', amount: 20000, currency: 'EUR' },
        period: null,
        confidence: 0.75,
        evidence: "une vingtaine de milliers d'euros",
      },
      // Evidence matches whatever its case and spacing.
      authority: { value: 'decision_maker', confidence: 0.75, evidence: 'je suis le GÉRANT' },
      need: {
        value: { text: 'Automatiser les relances clients', category: null },
        confidence: 0.6,
        evidence: 'automatiser nos relances clients',
      },
      timeline: {
        value: { kind: 'date', date: '2026-06-20' },
        confidence: 0.7,
        evidence: "avant l'été",
        horizon: '3_6m',
      },
    });
  });

  it('sends the bearer key, model, JSON mode, today in the time zone, and the text only as user data', async () => {
    server.answerJson({});

    await extractSlotsWithLlm(client, input({ expectedSlot: 'budget' }));

    const request = server.lastRequest;
    expect(request.authorization).toBe('Bearer sk-extract');
    expect(request.body.model).toBe('extractor');
    expect(request.body.response_format).toEqual({ type: 'json_object' });
    const [system, user] = request.body.messages as { role: string; content: string }[];
    expect(system?.content).toContain('Tuesday 2026-03-10');
    expect(system?.content).toContain('their budget');
    expect(system?.content).not.toContain('relances');
    expect(user?.content).toContain('<lead_message>');
    expect(user?.content).toContain('relances clients');
  });

  it('drops a value whose evidence is not in the lead text', async () => {
    server.answerJson({
      ...GOOD_ANSWER,
      budget: { ...GOOD_ANSWER.budget, evidence: 'budget de 50 000 €' },
      authority: { ...GOOD_ANSWER.authority, evidence: '' },
    });

    const result = await extractSlotsWithLlm(client, input());

    expect(result.slots.budget).toBeUndefined();
    expect(result.slots.authority).toBeUndefined();
    expect(result.slots.need).toBeDefined();
    expect(result.rejected).toEqual([
      { field: 'budget', reason: 'evidence_not_in_text' },
      { field: 'authority', reason: 'evidence_not_in_text' },
    ]);
  });

  it("rejects values that do not match Chaud's schemas and dates far from now", async () => {
    server.answerJson({
      budget: { ...GOOD_ANSWER.budget, value: { kind: 'amount', amount: 'beaucoup', currency: 'EUR' } },
      authority: { ...GOOD_ANSWER.authority, value: 'boss' },
      need: { value: { text: 'CRM' }, confidence: 2, evidence: 'relances' },
      timeline: { ...GOOD_ANSWER.timeline, value: { kind: 'date', date: '2035-06-20' } },
    });

    const result = await extractSlotsWithLlm(client, input());

    expect(result.usedLlm).toBe(true);
    expect(result.slots).toEqual({});
    expect(result.rejected).toEqual([
      { field: 'budget', reason: 'invalid_value' },
      { field: 'authority', reason: 'invalid_value' },
      { field: 'need', reason: 'invalid_shape' },
      { field: 'timeline', reason: 'date_out_of_range' },
    ]);
  });

  it('rejects a date that is not an ISO date and a range whose min exceeds its max', async () => {
    server.answerJson({
      budget: { ...GOOD_ANSWER.budget, value: { kind: 'range', min: 30000, max: 10000, currency: 'EUR' } },
      timeline: { ...GOOD_ANSWER.timeline, value: { kind: 'date', date: '20/06/2026' } },
    });

    const result = await extractSlotsWithLlm(client, input());

    expect(result.slots).toEqual({});
    expect(result.rejected.map((rejected) => rejected.reason)).toEqual(['invalid_value', 'invalid_value']);
  });

  it('matches the need category from the workspace list, never from the model', async () => {
    server.answerJson({
      need: {
        value: { text: 'Automatiser les relances clients', category: 'Invented' },
        evidence: 'relances',
      },
    });

    const result = await extractSlotsWithLlm(
      client,
      input({ needCategories: [{ name: 'Relance', keywords: ['relances'] }] }),
    );

    expect(result.slots.need?.value).toEqual({
      text: 'Automatiser les relances clients',
      category: 'Relance',
    });
    expect(result.slots.need?.confidence).toBe(0.5);
  });

  it('falls back with no slot on a timeout, a 500 or non-JSON content', async () => {
    server.answerJson(GOOD_ANSWER, 3000);
    const startedAt = performance.now();
    const slow = await extractSlotsWithLlm(client, input(), { timeoutMs: 250 });
    expect(performance.now() - startedAt).toBeLessThan(250 + 700);
    expect(slow).toEqual({ slots: {}, usedLlm: false, fallbackReason: 'llm_timeout', rejected: [] });

    server.answer({ status: 500, body: 'Internal Server Error' });
    expect((await extractSlotsWithLlm(client, input())).fallbackReason).toBe('llm_http_error');

    server.answer({ content: 'The lead is the manager.' });
    expect((await extractSlotsWithLlm(client, input())).fallbackReason).toBe('invalid_json');
  });

  it('does not call the model for a message without words', async () => {
    const result = await extractSlotsWithLlm(client, input({ text: ' 👍 ' }));

    expect(result.fallbackReason).toBe('nothing_to_extract');
    expect(server.requests).toHaveLength(0);
  });
});

describe('mergeSlots', () => {
  it('keeps every rule value and adds only the slots the rules missed', () => {
    const ruleSlots: MessageSlots = {
      budget: {
        value: { kind: 'amount', amount: 18000, currency: 'EUR' },
        confidence: 0.9,
        evidence: '18 000 €',
        period: null,
      },
    };
    const llmSlots: MessageSlots = {
      budget: {
        value: { kind: 'amount', amount: 20000, currency: 'EUR' },
        confidence: 0.75,
        evidence: 'vingt mille',
        period: null,
      },
      authority: { value: 'decision_maker', confidence: 0.75, evidence: 'gérant' },
    };

    const merged = mergeSlots(ruleSlots, llmSlots);

    expect(merged).toEqual({ budget: ruleSlots.budget, authority: llmSlots.authority });
    expect(ruleSlots).not.toHaveProperty('authority');
  });
});
