import { gt } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../src/modules/leads/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import {
  malformedJsonText,
  nastyString,
  nastyValue,
  oddContentType,
  toJsonText,
  urlencodedText,
} from './bad-input.arbitraries.ts';
import {
  eventBodies,
  FUZZ_FORM,
  nearValidFormAnswers,
  nearValidLeadBody,
  validFormAnswers,
  validLeadBody,
} from './bad-input.bodies.ts';
import { buildLead } from './factories.ts';
import { createTestContext, type TestContext, type TestWorkspace, testDatabaseKind } from './harness.ts';

// The issue asks for at least 10,000 generated bad inputs per endpoint. PGlite runs them all;
// PostgreSQL repeats a share of them to keep its run short. CHAUD_FUZZ_SHARE overrides the share.
const INPUTS_PER_ENDPOINT = 10_000;
const IS_POSTGRES = testDatabaseKind() === 'postgres';
const SHARE = Number(process.env.CHAUD_FUZZ_SHARE ?? (IS_POSTGRES ? '0.2' : '1'));
const runs = (count: number) => Math.max(20, Math.round(count * SHARE));
const FUZZ_TIMEOUT_MS = 900_000;
const NOW = new Date('2026-06-01T12:00:00Z');

/** One request of the fuzzer: raw body text (or bytes) so anything a client can send is possible. */
interface Probe {
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Path and query when the probe targets another URL of the same endpoint. */
  url?: string;
}

type Counts = Record<string, number>;

let test: TestContext;
let workspace: TestWorkspace;
let countsQuery = '';
const sent = { leads: 0, events: 0, forms: 0 };
const elapsedMs = { leads: 0, events: 0, forms: 0 };

beforeAll(async () => {
  test = await createTestContext({ clock: new ManualClock(NOW) });
  workspace = await test.createWorkspace('Fuzzed');
  // Every table of the application, plus the leads' versions (an update bumps it): a rejected
  // request must leave all of them as they were.
  const tables = await test.ctx.handle.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  expect(tables.map((table) => table.name)).toEqual(
    expect.arrayContaining(['leads', 'lead_identities', 'events', 'consents', 'idempotency_keys']),
  );
  countsQuery = `SELECT ${tables.map(({ name }) => `(SELECT count(*)::int FROM "${name}") AS "${name}"`).join(', ')},
    (SELECT coalesce(sum(version), 0)::int FROM leads) AS "leads.version",
    (SELECT coalesce(max(sequence), 0)::int FROM events) AS "events.sequence"`;
}, 120_000);

afterAll(async () => {
  console.log(
    `[bad-input] ${testDatabaseKind()}: generated inputs sent — /api/v1/leads ${sent.leads} ` +
      `(${(elapsedMs.leads / 1000).toFixed(1)} s), /api/v1/events ${sent.events} ` +
      `(${(elapsedMs.events / 1000).toFixed(1)} s), /f/:formKey ${sent.forms} (${(elapsedMs.forms / 1000).toFixed(1)} s)`,
  );
  await test?.close();
});

async function readCounts(): Promise<Counts> {
  const [row] = await test.ctx.handle.query<Counts>(countsQuery);
  return row!;
}

/** Events recorded since `counts` were read; `source: 'system'` ones are derived (stage moves). */
async function eventsSince(counts: Counts) {
  return test.ctx.db
    .select({ id: events.id, source: events.source, workspaceId: events.workspaceId, leadId: events.leadId })
    .from(events)
    .where(gt(events.sequence, counts['events.sequence']!));
}

const isRecordedByRequest = (event: { source: string }) => event.source !== 'system';

// Scoring and qualification may rescore leads and move their stage after an accepted write; these
// tables only change when a write asks for it.
const TABLES_EVENTS_NEVER_CHANGE = ['leads', 'lead_identities', 'consents', 'idempotency_keys', 'merge_proposals', 'forms', 'users', 'api_keys', 'workspaces'];

let remoteCounter = 0;
/** A new client address per request, so the per-IP rate limit of public forms never hides a bug. */
function nextRemoteAddress(): string {
  remoteCounter += 1;
  return `10.${(remoteCounter >> 16) & 255}.${(remoteCounter >> 8) & 255}.${remoteCounter & 255}`;
}

async function send(endpoint: keyof typeof sent, url: string, probe: Probe, auth: Record<string, string>) {
  const headers: Record<string, string> = { ...auth, ...probe.headers };
  if (probe.contentType !== undefined) headers['content-type'] = probe.contentType;
  const response = await test.app.inject({
    method: 'POST',
    url: probe.url ?? url,
    headers,
    remoteAddress: nextRemoteAddress(),
    ...(probe.body === undefined ? {} : { payload: probe.body }),
  });
  sent[endpoint] += 1;
  return response;
}

function describeProbe(probe: Probe, response: LightMyRequestResponse): string {
  const body = Buffer.isBuffer(probe.body) ? `<bytes ${probe.body.toString('hex').slice(0, 200)}>` : probe.body;
  return `answered ${response.statusCode} ${response.body.slice(0, 300)}\n  to ${JSON.stringify({ ...probe, body: body?.slice(0, 400) })}`;
}

/** Never a 5xx; every 4xx carries `{ error: { code } }`. */
function expectClientAnswer(response: LightMyRequestResponse, probe: Probe): void {
  const context = describeProbe(probe, response);
  expect(response.statusCode, context).toBeLessThan(500);
  if (response.statusCode >= 400) {
    let code: unknown;
    try {
      code = (response.json() as { error?: { code?: unknown } }).error?.code;
    } catch {
      code = undefined;
    }
    expect(typeof code, context).toBe('string');
  }
}

/** Runs a property over generated probes, timing the endpoint it targets. */
async function fuzz(endpoint: keyof typeof sent, probes: fc.Arbitrary<Probe>, numRuns: number, check: (probe: Probe) => Promise<void>) {
  const started = performance.now();
  await fc.assert(fc.asyncProperty(probes, check), { numRuns });
  elapsedMs[endpoint] += performance.now() - started;
}

const jsonProbe = (value: unknown): Probe => ({ body: toJsonText(value), contentType: 'application/json' });
const textProbe = (text: string): Probe => ({ body: text, contentType: 'application/json' });

// Bytes that are not UTF-8 inside a JSON string, and a body over the 2 MiB limit.
const INVALID_UTF8_BODY = Buffer.concat([
  Buffer.from('{"email":"ana@fuzz.example","firstName":"'),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
  Buffer.from('"}'),
]);
const OVERSIZE_BODY = JSON.stringify({ email: 'ana@fuzz.example', firstName: 'x'.repeat(2_200_000) });
const bodyText = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map(toJsonText);

/** Wrong content types, empty, invalid UTF-8 and oversize bodies, odd Idempotency-Key headers. */
function transportProbes(validText: fc.Arbitrary<string>, badText: fc.Arbitrary<string>): fc.Arbitrary<Probe> {
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

describe('POST /api/v1/leads under generated bad input', () => {
  async function checkLeadProbe(probe: Probe) {
    const before = await readCounts();
    const response = await send('leads', '/api/v1/leads', probe, workspace.headers);
    expectClientAnswer(response, probe);
    const after = await readCounts();
    const context = describeProbe(probe, response);
    if (response.statusCode >= 400) {
      expect(after, `a rejected capture wrote something; ${context}`).toEqual(before);
      return;
    }
    // An accepted capture records exactly one event and at most one new lead; a replay records nothing.
    const isReplay = response.headers['idempotent-replayed'] === 'true';
    const recorded = (await eventsSince(before)).filter(isRecordedByRequest);
    expect(recorded.length, context).toBe(isReplay ? 0 : 1);
    expect(after.leads! - before.leads!, context).toBe(response.statusCode === 201 && !isReplay ? 1 : 0);
  }

  it('answers 4xx with a code and writes nothing for random JSON values', async () => {
    const random = fc.oneof(fc.anything({ withNullPrototype: true }), nastyValue, fc.dictionary(fc.string(), nastyValue));
    await fuzz('leads', random.map(jsonProbe), runs(2_000), checkLeadProbe);
  }, FUZZ_TIMEOUT_MS);

  it('answers 4xx with a code and writes nothing for malformed JSON text', async () => {
    await fuzz('leads', malformedJsonText(bodyText(validLeadBody)).map(textProbe), runs(2_000), checkLeadProbe);
  }, FUZZ_TIMEOUT_MS);

  it('never answers 5xx nor half-writes for mutations of a valid capture', async () => {
    await fuzz('leads', nearValidLeadBody.map(jsonProbe), runs(5_000), checkLeadProbe);
  }, FUZZ_TIMEOUT_MS);

  it('handles odd content types, encodings, sizes and Idempotency-Key headers', async () => {
    const probes = transportProbes(bodyText(validLeadBody), bodyText(nearValidLeadBody));
    await fuzz('leads', probes, runs(1_000), checkLeadProbe);
  }, FUZZ_TIMEOUT_MS);

  it(`sent at least ${runs(INPUTS_PER_ENDPOINT)} generated inputs`, () => {
    expect(sent.leads).toBeGreaterThanOrEqual(runs(INPUTS_PER_ENDPOINT));
  });
});

describe('POST /api/v1/events under generated bad input', () => {
  let ownLeads: { ids: string[]; emails: string[] };
  let bodies: ReturnType<typeof eventBodies>;

  beforeAll(async () => {
    const created = [];
    for (const email of ['evt1@fuzz.example', 'evt2@fuzz.example', 'evt3@fuzz.example']) {
      created.push(await buildLead(test, workspace, { email }));
    }
    const foreignWorkspace = await test.createWorkspace('Foreign');
    const foreign = await buildLead(test, foreignWorkspace, { email: 'foreign@fuzz.example' });
    ownLeads = { ids: created.map((lead) => lead.id), emails: created.map((lead) => lead.email ?? '') };
    bodies = eventBodies({ ...ownLeads, foreignId: foreign.id, foreignEmail: 'foreign@fuzz.example' }, NOW);
  });

  async function checkEventProbe(probe: Probe) {
    const before = await readCounts();
    const response = await send('events', '/api/v1/events', probe, workspace.headers);
    expectClientAnswer(response, probe);
    const after = await readCounts();
    const context = describeProbe(probe, response);
    if (response.statusCode >= 400) {
      expect(after, `a rejected batch wrote something; ${context}`).toEqual(before);
      return;
    }
    type Result = { status: string; id?: string; leadId?: string };
    const results = (response.json() as { results: Result[] }).results;
    const acceptedIds = results.filter((result) => result.status === 'accepted').map((result) => result.id!);
    // Partial acceptance is by design: the accepted items are new rows, and nothing else a client sent.
    const recorded = await eventsSince(before);
    expect(recorded.filter(isRecordedByRequest).map((event) => event.id).sort(), context).toEqual(
      [...acceptedIds].sort(),
    );
    for (const table of TABLES_EVENTS_NEVER_CHANGE) expect(after[table], `${table}; ${context}`).toBe(before[table]);
    // Whatever the batch names (another workspace's lead or email), only this workspace's leads get events.
    for (const event of recorded) expect(event.workspaceId, context).toBe(workspace.workspaceId);
    for (const result of results) {
      if (result.status !== 'rejected') expect(ownLeads.ids, context).toContain(result.leadId);
    }
  }

  it('rejects random JSON values and random items with codes, writing nothing for them', async () => {
    const random = fc.oneof(
      fc.anything({ withNullPrototype: true }),
      nastyValue,
      fc.array(fc.oneof(fc.anything(), nastyValue), { minLength: 1, maxLength: 6 }).map((items) => ({ events: items })),
    );
    await fuzz('events', random.map(jsonProbe), runs(2_000), checkEventProbe);
  }, FUZZ_TIMEOUT_MS);

  it('answers 4xx with a code and writes nothing for malformed JSON text', async () => {
    await fuzz('events', malformedJsonText(bodyText(bodies.validBatch)).map(textProbe), runs(1_000), checkEventProbe);
  }, FUZZ_TIMEOUT_MS);

  it('records only the accepted items of mutated batches, never 5xx', async () => {
    await fuzz('events', bodies.nearValidBatch.map(jsonProbe), runs(6_000), checkEventProbe);
  }, FUZZ_TIMEOUT_MS);

  it('handles odd content types, encodings, sizes, and the largest allowed batch', async () => {
    await fuzz('events', transportProbes(bodyText(bodies.validBatch), bodyText(bodies.nearValidBatch)), runs(990), checkEventProbe);
    await fuzz('events', bodies.maxBatch.map(jsonProbe), 10, checkEventProbe);
  }, FUZZ_TIMEOUT_MS);

  it(`sent at least ${runs(INPUTS_PER_ENDPOINT)} generated inputs`, () => {
    expect(sent.events).toBeGreaterThanOrEqual(runs(INPUTS_PER_ENDPOINT));
  });
});

describe('POST /f/:formKey under generated bad input', () => {
  let formKey = '';
  let archivedKey = '';

  beforeAll(async () => {
    const created = await test.app.inject({ method: 'POST', url: '/api/v1/forms', headers: workspace.headers, payload: FUZZ_FORM });
    expect(created.statusCode, created.body).toBe(201);
    formKey = created.json().key;
    const archived = await test.app.inject({ method: 'POST', url: '/api/v1/forms', headers: workspace.headers, payload: { ...FUZZ_FORM, name: 'Archived' } });
    archivedKey = archived.json().key;
    await test.app.inject({ method: 'DELETE', url: `/api/v1/forms/${archived.json().id}`, headers: workspace.headers });
  });

  async function checkFormProbe(probe: Probe) {
    const before = await readCounts();
    const response = await send('forms', `/f/${formKey}`, probe, {});
    expectClientAnswer(response, probe);
    const after = await readCounts();
    const context = describeProbe(probe, response);
    if (response.statusCode >= 400) {
      expect(after, `a rejected submission wrote something; ${context}`).toEqual(before);
      return;
    }
    // A person's submission records one event; a bot caught by the honeypot records nothing.
    const recorded = (await eventsSince(before)).filter(isRecordedByRequest);
    expect([0, 1], context).toContain(recorded.length);
  }

  const pageHeaders = fc.record(
    {
      accept: fc.constantFrom('text/html', 'application/json', '*/*', 'text/html;q=0.1, \u00ff'),
      origin: fc.constantFrom('https://www.fuzz.example', 'https://evil.example', 'null', 'not a url'),
      'x-requested-with': fc.constant('XMLHttpRequest'),
      'accept-language': fc.constantFrom('fr-FR,fr;q=0.9', 'xx', ';;;'),
      referer: fc.constantFrom('https://www.fuzz.example/contact?x=1', 'garbage'),
    },
    { requiredKeys: [] },
  );

  const keyText = fc.oneof(
    fc.constantFrom('email', 'phone', 'terms', 'newsletter', 'website', 'utm_source', 'referrer', '__proto__', 'constructor[prototype][x]', 'email[]', 'a[b][c]', ''),
    nastyString,
  );
  const valueText = fc.oneof(nastyString, fc.constantFrom('%', '%ZZ', '%00', '%E0%A4%A', '&', '=', '+', '%2B', 'on'));
  const urlencodedProbe = fc
    .tuple(validFormAnswers, fc.array(fc.tuple(keyText, valueText, fc.boolean()), { maxLength: 6 }), pageHeaders, fc.boolean())
    .map(([answers, extra, headers, isFirst]): Probe => {
      const pairs = Object.entries(answers).map(([key, value]): [string, string, boolean] => [key, String(value), false]);
      const body = urlencodedText(isFirst ? [...extra, ...pairs] : [...pairs, ...extra]);
      return { body, contentType: 'application/x-www-form-urlencoded', headers };
    });

  it('never answers 5xx nor half-writes for mutated JSON submissions', async () => {
    const probes = fc.tuple(nearValidFormAnswers, pageHeaders).map(([answers, headers]) => ({ ...jsonProbe(answers), headers }));
    await fuzz('forms', probes, runs(4_000), checkFormProbe);
  }, FUZZ_TIMEOUT_MS);

  it('never answers 5xx nor half-writes for urlencoded submissions with raw and nasty pairs', async () => {
    await fuzz('forms', urlencodedProbe, runs(3_500), checkFormProbe);
  }, FUZZ_TIMEOUT_MS);

  it('answers 4xx with a code for random bodies, odd content types and malformed JSON', async () => {
    const probes = fc.oneof(
      fc.oneof(fc.anything({ withNullPrototype: true }), nastyValue).map(jsonProbe),
      malformedJsonText(bodyText(validFormAnswers)).map(textProbe),
      transportProbes(bodyText(validFormAnswers), bodyText(nearValidFormAnswers)),
    );
    await fuzz('forms', probes, runs(1_500), checkFormProbe);
  }, FUZZ_TIMEOUT_MS);

  it('answers 404 or 4xx with a code for unknown, archived and nasty form keys and query strings', async () => {
    const encode = (text: string) => {
      try {
        return encodeURIComponent(text);
      } catch {
        return '%ED%A0%80';
      }
    };
    const probes = fc
      .tuple(
        fc.oneof(fc.constant(formKey), fc.constant(archivedKey), nastyString.map(encode), fc.constantFrom('%', '%ZZ', '..', '%2F', 'frm_x%00')),
        fc.oneof(
          fc.constant(''),
          nastyString.map((text) => `?utm_source=${encode(text)}&utm_campaign=${encode(text)}`),
          fc.constantFrom('?utm_source=%ZZ', '?utm_source=a&utm_source=b', '?__proto__[x]=1', '?utm_medium[]=1', `?utm_term=${'a'.repeat(201)}`),
        ),
        validFormAnswers,
      )
      .map(([key, query, answers]): Probe => ({ ...jsonProbe(answers), url: `/f/${key}${query}` }));
    await fuzz('forms', probes, runs(1_000), checkFormProbe);
  }, FUZZ_TIMEOUT_MS);

  it(`sent at least ${runs(INPUTS_PER_ENDPOINT)} generated inputs`, () => {
    expect(sent.forms).toBeGreaterThanOrEqual(runs(INPUTS_PER_ENDPOINT));
  });
});
