import { gte } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { events } from '../src/modules/leads/index.ts';
import type { ManualClock } from '../src/platform/clock.ts';
import { oddContentType, toJsonText } from './bad-input.arbitraries.ts';
import type { TestContext } from './harness.ts';
import type { WriteCounts, WriteLedger } from './write-ledger.ts';

/** One request of the fuzzer: raw body text (or bytes) so anything a client can send is possible. */
export interface Probe {
  /** POST unless told. */
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Path and query when the probe targets another URL of the endpoint. */
  url?: string;
}

export interface ProbeOutcome {
  response: LightMyRequestResponse;
  /** What was sent and answered, for assertion messages. */
  context: string;
  before: WriteCounts;
  after: WriteCounts;
  /** The clock time of the request: what it wrote carries it. */
  at: Date;
}

export const jsonProbe = (value: unknown): Probe => ({
  body: toJsonText(value),
  contentType: 'application/json',
});
export const textProbe = (text: string): Probe => ({ body: text, contentType: 'application/json' });
export const bodyText = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map(toJsonText);

// Bytes that are not UTF-8 inside a JSON string, and a body over the 2 MiB limit.
const INVALID_UTF8_BODY = Buffer.concat([
  Buffer.from('{"email":"ana@fuzz.example","firstName":"'),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
  Buffer.from('"}'),
]);
const OVERSIZE_BODY = JSON.stringify({ email: 'ana@fuzz.example', firstName: 'x'.repeat(2_200_000) });

/** Wrong content types, empty, invalid UTF-8 and oversize bodies, odd Idempotency-Key headers. */
export function transportProbes(
  validText: fc.Arbitrary<string>,
  badText: fc.Arbitrary<string>,
): fc.Arbitrary<Probe> {
  return fc
    .record({
      body: fc.oneof(
        validText,
        badText,
        fc.constantFrom<string | Buffer | undefined>(undefined, '', INVALID_UTF8_BODY, OVERSIZE_BODY),
      ),
      contentType: oddContentType,
      idempotencyKey: fc.constantFrom(undefined, '', ' ', 'k'.repeat(256), 'fuzz-1', 'fuzz-2', 'clé-ü'),
    })
    .map(({ body, contentType, idempotencyKey }) => ({
      ...(body === undefined ? {} : { body }),
      ...(contentType === undefined ? {} : { contentType }),
      ...(idempotencyKey === undefined ? {} : { headers: { 'idempotency-key': idempotencyKey } }),
    }));
}

function describeProbe(probe: Probe, response: LightMyRequestResponse): string {
  const body = Buffer.isBuffer(probe.body)
    ? `<bytes ${probe.body.toString('hex').slice(0, 200)}>`
    : probe.body;
  return `answered ${response.statusCode} ${response.body.slice(0, 300)}\n  to ${JSON.stringify({ ...probe, body: body?.slice(0, 400) })}`;
}

// Event ids start with their receivedAt millisecond in Crockford base32 (src/platform/ids.ts).
function eventIdFloor(at: Date): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let time = '';
  for (let index = 0, rest = at.getTime(); index < 10; index++, rest = Math.floor(rest / 32)) {
    time = alphabet[rest % 32] + time;
  }
  return `evt_${time}`;
}

/** Whether Chaud derived the event itself (an automatic stage move) rather than for the client. */
export const isDerivedEvent = (event: { source: string }) => event.source === 'system';

/**
 * Sends probes one at a time with a fresh client address (the per-IP rate limit of public forms must
 * not hide a bug) and the clock 1 ms later than the previous one, and checks the two promises of the
 * issue on every answer: never a 5xx, and a rejected request (4xx) writes nothing at all.
 */
export function createFuzzClient(test: TestContext, ledger: WriteLedger, clock: ManualClock) {
  const sent: Record<string, number> = {};
  /** Answers by status class per endpoint (`{ leads: { '2xx': 10, '4xx': 90 } }`), for the report. */
  const answers: Record<string, Record<string, number>> = {};
  const elapsedMs: Record<string, number> = {};
  let remoteCounter = 0;
  let lastCounts: WriteCounts | null = null;

  async function send(
    endpoint: string,
    url: string,
    probe: Probe,
    auth: Record<string, string>,
  ): Promise<ProbeOutcome> {
    const before = lastCounts ?? (await ledger.read());
    clock.advance(1);
    const at = clock.now();
    remoteCounter += 1;
    const headers: Record<string, string> = { ...auth, ...probe.headers };
    if (probe.contentType !== undefined) headers['content-type'] = probe.contentType;
    const response = await test.app.inject({
      method: probe.method ?? 'POST',
      url: probe.url ?? url,
      headers,
      remoteAddress: `10.${(remoteCounter >> 16) & 255}.${(remoteCounter >> 8) & 255}.${remoteCounter & 255}`,
      ...(probe.body === undefined ? {} : { payload: probe.body }),
    });
    sent[endpoint] = (sent[endpoint] ?? 0) + 1;
    const statusClass = `${Math.floor(response.statusCode / 100)}xx`;
    answers[endpoint] = { ...answers[endpoint], [statusClass]: (answers[endpoint]?.[statusClass] ?? 0) + 1 };
    const after = await ledger.read();
    lastCounts = after;
    const context = describeProbe(probe, response);

    expect(response.statusCode, context).toBeLessThan(500);
    if (response.statusCode >= 400) {
      let code: unknown;
      try {
        code = (response.json() as { error?: { code?: unknown } }).error?.code;
      } catch {
        code = undefined;
      }
      expect(typeof code, `no error code; ${context}`).toBe('string');
      expect(after, `a rejected request wrote something; ${context}`).toEqual(before);
    }
    return { response, context, before, after, at };
  }

  return {
    send,
    sent,
    answers,
    elapsedMs,
    /** Runs `check` over `numRuns` generated probes (more while fast-check shrinks a failure). */
    async fuzz(
      endpoint: string,
      probes: fc.Arbitrary<Probe>,
      numRuns: number,
      check: (probe: Probe) => Promise<void>,
    ) {
      // Something else may have written since the last fuzz run: read the ledger afresh.
      lastCounts = null;
      const started = performance.now();
      try {
        await fc.assert(fc.asyncProperty(probes, check), { numRuns });
      } finally {
        elapsedMs[endpoint] = (elapsedMs[endpoint] ?? 0) + performance.now() - started;
      }
    },
    /** Events the request made at `at` wrote (ids are time-ordered and the clock only moves on). */
    async eventsWrittenSince(at: Date) {
      return test.ctx.db
        .select({ id: events.id, source: events.source, workspaceId: events.workspaceId })
        .from(events)
        .where(gte(events.id, eventIdFloor(at)));
    },
  };
}
