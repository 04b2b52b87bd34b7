import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.ts';
import {
  malformedJsonText,
  nastyString,
  nastyValue,
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
import {
  bodyText,
  createFuzzClient,
  isDerivedEvent,
  jsonProbe,
  type Probe,
  textProbe,
  transportProbes,
} from './bad-input.client.ts';
import { buildLead } from './factories.ts';
import { createTestContext, type TestContext, type TestWorkspace, testDatabaseKind } from './harness.ts';
import { installWriteLedger } from './write-ledger.ts';

// The issue asks for at least 10,000 generated bad inputs per endpoint: PGlite sends them all,
// PostgreSQL a share (the same code paths, to keep its run short). CHAUD_FUZZ_SHARE overrides the share.
const INPUTS_PER_ENDPOINT = 10_000;
const SHARE = Number(process.env.CHAUD_FUZZ_SHARE ?? (testDatabaseKind() === 'postgres' ? '0.2' : '1'));
const runs = (count: number) => Math.max(20, Math.round(count * SHARE));
const FUZZ_TIMEOUT_MS = 900_000;
const NOW = new Date('2026-06-01T12:00:00Z');

/** Rows of these tables never change because of an event batch (scores and stages may). */
const UNTOUCHED_BY_EVENTS = [
  'leads',
  'lead_identities',
  'consents',
  'idempotency_keys',
  'merge_proposals',
  'forms',
  'users',
  'api_keys',
  'workspaces',
];

let test: TestContext;
let workspace: TestWorkspace;
let client: ReturnType<typeof createFuzzClient>;

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  test = await createTestContext({ clock });
  workspace = await test.createWorkspace('Fuzzed');
  client = createFuzzClient(test, await installWriteLedger(test.ctx.handle), clock);
}, 120_000);

afterAll(async () => {
  const report = (endpoint: string, name: string) =>
    `${name} ${client?.sent[endpoint] ?? 0} ${JSON.stringify(client?.answers[endpoint] ?? {})} ` +
    `in ${((client?.elapsedMs[endpoint] ?? 0) / 1000).toFixed(1)} s`;
  console.log(
    `[bad-input] ${testDatabaseKind()}, generated inputs sent: ${report('leads', 'POST /api/v1/leads')}, ` +
      `${report('events', 'POST /api/v1/events')}, ${report('forms', 'POST /f/:formKey')}, ` +
      `${report('reads', 'GET /api/v1/leads[/:id/timeline]')}`,
  );
  await test?.close();
});

describe('POST /api/v1/leads under generated bad input', () => {
  async function checkLeadProbe(probe: Probe) {
    const { response, context, before, after, at } = await client.send(
      'leads',
      '/api/v1/leads',
      probe,
      workspace.headers,
    );
    if (response.statusCode >= 400) return;
    // An accepted capture records one event and at most one new lead; a replay records nothing.
    const isReplay = response.headers['idempotent-replayed'] === 'true';
    const written = (await client.eventsWrittenSince(at)).filter((event) => !isDerivedEvent(event));
    expect(written.length, context).toBe(isReplay ? 0 : 1);
    const newLeads = after['leads.rows']! - before['leads.rows']!;
    expect(newLeads, context).toBe(response.statusCode === 201 && !isReplay ? 1 : 0);
  }

  it(
    'never answers 5xx to random JSON values; what it rejects carries a code and writes nothing',
    async () => {
      const random = fc.oneof(
        fc.anything({ withNullPrototype: true }),
        nastyValue,
        fc.dictionary(fc.string(), nastyValue),
      );
      await client.fuzz('leads', random.map(jsonProbe), runs(2_000), checkLeadProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 5xx to malformed JSON text; what it rejects carries a code and writes nothing',
    async () => {
      await client.fuzz(
        'leads',
        malformedJsonText(bodyText(validLeadBody)).map(textProbe),
        runs(2_000),
        checkLeadProbe,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 5xx nor half-writes for mutations of a valid capture',
    async () => {
      await client.fuzz('leads', nearValidLeadBody.map(jsonProbe), runs(5_000), checkLeadProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'handles odd content types, encodings, sizes and Idempotency-Key headers',
    async () => {
      const probes = transportProbes(bodyText(validLeadBody), bodyText(nearValidLeadBody));
      await client.fuzz('leads', probes, runs(1_000), checkLeadProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(`sent at least ${runs(INPUTS_PER_ENDPOINT)} generated inputs`, () => {
    expect(client.sent.leads).toBeGreaterThanOrEqual(runs(INPUTS_PER_ENDPOINT));
  });
});

describe('POST /api/v1/events under generated bad input', () => {
  let ownLeads: { ids: string[]; emails: string[] };
  let bodies: ReturnType<typeof eventBodies>;

  beforeAll(async () => {
    const created = [];
    // Many leads: scoring rereads a lead's history on each accepted batch, so spread it thin.
    for (const email of Array.from({ length: 40 }, (_, index) => `evt${index}@fuzz.example`)) {
      created.push(await buildLead(test, workspace, { email }));
    }
    const foreignWorkspace = await test.createWorkspace('Foreign');
    const foreign = await buildLead(test, foreignWorkspace, { email: 'foreign@fuzz.example' });
    ownLeads = { ids: created.map((lead) => lead.id), emails: created.map((lead) => lead.email ?? '') };
    bodies = eventBodies({ ...ownLeads, foreignId: foreign.id, foreignEmail: 'foreign@fuzz.example' }, NOW);
  });

  async function checkEventProbe(probe: Probe) {
    const { response, context, before, after, at } = await client.send(
      'events',
      '/api/v1/events',
      probe,
      workspace.headers,
    );
    if (response.statusCode >= 400) return;
    type Result = { status: string; id?: string; leadId?: string };
    const results = (response.json() as { results: Result[] }).results;
    const acceptedIds = results.filter((result) => result.status === 'accepted').map((result) => result.id!);
    // Partial acceptance is by design: the accepted items are the new events, nothing a rejected item said.
    const written = await client.eventsWrittenSince(at);
    const writtenForClient = written.filter((event) => !isDerivedEvent(event)).map((event) => event.id);
    expect(writtenForClient.sort(), context).toEqual([...acceptedIds].sort());
    for (const table of UNTOUCHED_BY_EVENTS) {
      expect(after[`${table}.rows`], `${table}; ${context}`).toBe(before[`${table}.rows`]);
    }
    // Whatever the batch names (another workspace's lead or email), only this workspace's leads get events.
    for (const event of written) expect(event.workspaceId, context).toBe(workspace.workspaceId);
    for (const result of results) {
      if (result.status !== 'rejected') expect(ownLeads.ids, context).toContain(result.leadId);
    }
  }

  it(
    'never answers 5xx to random JSON values and random items; rejected ones write nothing',
    async () => {
      const random = fc.oneof(
        fc.anything({ withNullPrototype: true }),
        nastyValue,
        fc
          .array(fc.oneof(fc.anything(), nastyValue), { minLength: 1, maxLength: 6 })
          .map((items) => ({ events: items })),
      );
      await client.fuzz('events', random.map(jsonProbe), runs(2_000), checkEventProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 5xx to malformed JSON text; what it rejects carries a code and writes nothing',
    async () => {
      await client.fuzz(
        'events',
        malformedJsonText(bodyText(bodies.validBatch)).map(textProbe),
        runs(1_000),
        checkEventProbe,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'records only the accepted items of mutated batches, never 5xx',
    async () => {
      await client.fuzz('events', bodies.nearValidBatch.map(jsonProbe), runs(6_000), checkEventProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'handles odd content types, encodings, sizes, and the largest allowed batch',
    async () => {
      await client.fuzz(
        'events',
        transportProbes(bodyText(bodies.validBatch), bodyText(bodies.nearValidBatch)),
        runs(990),
        checkEventProbe,
      );
      await client.fuzz('events', bodies.maxBatch.map(jsonProbe), 10, checkEventProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(`sent at least ${runs(INPUTS_PER_ENDPOINT)} generated inputs`, () => {
    expect(client.sent.events).toBeGreaterThanOrEqual(runs(INPUTS_PER_ENDPOINT));
  });
});

describe('POST /f/:formKey under generated bad input', () => {
  let formKey = '';
  let archivedKey = '';

  beforeAll(async () => {
    const created = await test.app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: workspace.headers,
      payload: FUZZ_FORM,
    });
    expect(created.statusCode, created.body).toBe(201);
    formKey = created.json().key;
    const archived = await test.app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: workspace.headers,
      payload: { ...FUZZ_FORM, name: 'Archived' },
    });
    archivedKey = archived.json().key;
    await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/forms/${archived.json().id}`,
      headers: workspace.headers,
    });
  });

  async function checkFormProbe(probe: Probe) {
    const { response, context, at } = await client.send('forms', `/f/${formKey}`, probe, {});
    if (response.statusCode >= 400) return;
    // A person's submission records one event; a bot caught by the honeypot records nothing.
    const written = (await client.eventsWrittenSince(at)).filter((event) => !isDerivedEvent(event));
    expect([0, 1], context).toContain(written.length);
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

  // Mostly the form's own fields: a repeated key turns the answer into a list, a raw one breaks encoding.
  const keyText = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'email',
        'phone',
        'country',
        'timezone',
        'budget',
        'terms',
        'newsletter',
        'website',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'utm_source',
        'referrer',
        '__proto__',
        'constructor[prototype][x]',
        'email[]',
        'a[b][c]',
        '',
      ),
    },
    { weight: 1, arbitrary: nastyString },
  );
  const valueText = fc.oneof(
    nastyString,
    fc.constantFrom('%', '%ZZ', '%00', '%E0%A4%A', '&', '=', '+', '%2B', 'on'),
  );
  const urlencodedProbe = fc
    .tuple(
      validFormAnswers,
      fc.array(fc.tuple(keyText, valueText, fc.boolean()), { minLength: 1, maxLength: 6 }),
      pageHeaders,
      fc.boolean(),
    )
    .map(([answers, extra, headers, isFirst]): Probe => {
      const pairs = Object.entries(answers).map(([key, value]): [string, string, boolean] => [
        key,
        String(value),
        false,
      ]);
      const body = urlencodedText(isFirst ? [...extra, ...pairs] : [...pairs, ...extra]);
      return { body, contentType: 'application/x-www-form-urlencoded', headers };
    });

  it(
    'never answers 5xx nor half-writes for mutated JSON submissions',
    async () => {
      const probes = fc
        .tuple(nearValidFormAnswers, pageHeaders)
        .map(([answers, headers]) => ({ ...jsonProbe(answers), headers }));
      await client.fuzz('forms', probes, runs(4_000), checkFormProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 5xx nor half-writes for urlencoded submissions with raw and nasty pairs',
    async () => {
      await client.fuzz('forms', urlencodedProbe, runs(3_500), checkFormProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 5xx nor half-writes for random bodies, odd content types and malformed JSON',
    async () => {
      const probes = fc.oneof(
        fc.oneof(fc.anything({ withNullPrototype: true }), nastyValue).map(jsonProbe),
        malformedJsonText(bodyText(validFormAnswers)).map(textProbe),
        transportProbes(bodyText(validFormAnswers), bodyText(nearValidFormAnswers)),
      );
      await client.fuzz('forms', probes, runs(1_500), checkFormProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 5xx nor half-writes for unknown, archived and nasty form keys and query strings',
    async () => {
      const encode = (text: string) => {
        try {
          return encodeURIComponent(text);
        } catch {
          return '%ED%A0%80';
        }
      };
      const probes = fc
        .tuple(
          fc.oneof(
            fc.constant(formKey),
            fc.constant(archivedKey),
            nastyString.map(encode),
            fc.constantFrom('%', '%ZZ', '..', '%2F', 'frm_x%00'),
          ),
          fc.oneof(
            fc.constant(''),
            nastyString.map((text) => `?utm_source=${encode(text)}&utm_campaign=${encode(text)}`),
            fc.constantFrom(
              '?utm_source=%ZZ',
              '?utm_source=a&utm_source=b',
              '?__proto__[x]=1',
              '?utm_medium[]=1',
              `?utm_term=${'a'.repeat(201)}`,
            ),
          ),
          validFormAnswers,
        )
        .map(([key, query, answers]): Probe => ({ ...jsonProbe(answers), url: `/f/${key}${query}` }));
      await client.fuzz('forms', probes, runs(1_000), checkFormProbe);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(`sent at least ${runs(INPUTS_PER_ENDPOINT)} generated inputs`, () => {
    expect(client.sent.forms).toBeGreaterThanOrEqual(runs(INPUTS_PER_ENDPOINT));
  });
});

describe('GET /api/v1/leads and a lead timeline under generated query strings', () => {
  let leadId = '';

  beforeAll(async () => {
    leadId = (await buildLead(test, workspace, { email: 'timeline@fuzz.example' })).id;
  });

  const encode = (text: string) => {
    try {
      return encodeURIComponent(text);
    } catch {
      return '%ED%A0%80';
    }
  };
  const cursorOf = (value: unknown) => Buffer.from(toJsonText(value)).toString('base64url');
  const oddInstants = [
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+14:00',
    '9999-12-31T23:59:59-14:00',
    '+275760-09-13T00:00:00.000Z',
    '2026-02-30T00:00:00Z',
    '1',
  ];
  const oddNumbers = ['1e39', '-1e39', '1e309', 'NaN', 'Infinity', '-0', '0x10', '1.5', '', ' '];

  const listParameter = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          'stage',
          'temperature',
          'scoreMin',
          'scoreMax',
          'ownerId',
          'source',
          'createdFrom',
          'createdTo',
          'q',
          'sort',
          'limit',
          'cursor',
          '__proto__',
          'other',
        ),
        fc.oneof(nastyString, fc.constantFrom(...oddInstants, ...oddNumbers, 'mql', 'none', '-score')),
      )
      .map(([key, value]) => `${key}=${encode(value)}`),
    fc.constantFrom(
      'stage=mql&stage=sql',
      'limit[]=1',
      'q=%27%3A*%20%26%20!',
      'q=%00',
      '%ZZ=1',
      'sort=score&scoreMin=1e39',
    ),
    fc
      .tuple(
        fc.constantFrom('score', '-score', 'createdAt', '-updatedAt'),
        fc.oneof(
          nastyValue,
          fc.tuple(
            fc.oneof(fc.double(), nastyString, fc.constantFrom(...oddInstants, 1e39, -1e39)),
            fc.oneof(nastyString, fc.constant('lead_x')),
          ),
        ),
      )
      .map(([sort, value]) => `sort=${sort}&cursor=${cursorOf(value)}`),
  );
  const timelineParameter = fc.oneof(
    fc.oneof(nastyString, fc.constantFrom(...oddInstants)).map((time) => `before=${encode(`${time}|evt_x`)}`),
    fc.oneof(nastyString, fc.constantFrom(...oddNumbers)).map((value) => `limit=${encode(value)}`),
  );

  async function checkRead(probe: Probe) {
    const { context, before, after } = await client.send('reads', '/api/v1/leads', probe, workspace.headers);
    expect(after, `a read wrote something; ${context}`).toEqual(before);
  }

  it(
    'never answers 5xx to filters, sorts and cursors of the lead list',
    async () => {
      const probes = fc
        .array(listParameter, { minLength: 1, maxLength: 4 })
        .map((parameters): Probe => ({ method: 'GET', url: `/api/v1/leads?${parameters.join('&')}` }));
      await client.fuzz('reads', probes, runs(1_000), checkRead);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never answers 5xx to timeline pages and lead ids of any shape',
    async () => {
      const probes = fc.oneof(
        fc.array(timelineParameter, { minLength: 1, maxLength: 3 }).map(
          (parameters): Probe => ({
            method: 'GET',
            url: `/api/v1/leads/${leadId}/timeline?${parameters.join('&')}`,
          }),
        ),
        fc
          .tuple(nastyString, fc.constantFrom('', '/timeline'))
          .map(([id, suffix]): Probe => ({ method: 'GET', url: `/api/v1/leads/${encode(id)}${suffix}` })),
      );
      await client.fuzz('reads', probes, runs(1_000), checkRead);
    },
    FUZZ_TIMEOUT_MS,
  );
});
