import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from './factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from './harness.ts';
import { installWriteLedger, type WriteLedger } from './write-ledger.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Headers = Record<string, string>;
interface Route {
  method: Method;
  url: string;
}

/** Every route the application registered, read from Fastify's route tree (4 characters per level). */
function registeredRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const pathAtDepth: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    // A node's text continues its parent's path (the tree may split inside a segment: "me" → "rge-proposals").
    const path = `${depth === 0 ? '' : pathAtDepth[depth - 1]!}${match[2]}`;
    pathAtDepth[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) {
      if (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
        routes.push({ method: method as Method, url: path.replace(/^\/\//, '/') });
      }
    }
  }
  return routes;
}

// Bodies that pass validation, so a write reaches the ownership check instead of stopping at a 400.
// A new write route with an id makes the walk fail until its body is added here.
const WRITE_BODIES: Record<string, object | undefined> = {
  'PATCH /api/v1/leads/:id': { firstName: 'Mallory' },
  'PUT /api/v1/leads/:id/owner': { ownerId: null, reason: 'takeover' },
  'POST /api/v1/leads/:id/recompute': undefined,
  'PUT /api/v1/leads/:id/bant/:field': { value: 'decision_maker' },
  'POST /api/v1/leads/:id/stage': { to: 'customer', reason: 'takeover' },
  'POST /api/v1/leads/:id/confirm-sql': { reason: 'takeover' },
  'POST /api/v1/merge-proposals/:id/accept': {},
  'POST /api/v1/merge-proposals/:id/reject': undefined,
  'DELETE /api/v1/api-keys/:id': undefined,
  'PATCH /api/v1/forms/:id': { name: 'Hijacked' },
  'DELETE /api/v1/forms/:id': undefined,
  'PATCH /api/v1/scoring/rules/:ruleId': { points: 999 },
  'DELETE /api/v1/scoring/rules/:ruleId': undefined,
  'POST /api/v1/conversations/:id/assign': { userId: null },
  'POST /api/v1/conversations/:id/takeover': undefined,
  'POST /api/v1/conversations/:id/release': undefined,
  'POST /api/v1/conversations/:id/messages': { text: 'Hijacked' },
  'POST /api/v1/conversations/:id/notes': { text: 'Hijacked' },
  'POST /api/v1/sandbox/leads/:id/messages': { text: 'Hijacked' },
  'PUT /api/v1/sequences/:id': { name: 'Hijacked', steps: [{ type: 'exit' }] },
  'POST /api/v1/sequences/:id/pause': undefined,
  'POST /api/v1/sequences/:id/resume': undefined,
  'POST /api/v1/sequences/:id/enrollments': { leadId: 'lead_of_nobody' },
  'DELETE /api/v1/enrollments/:id': undefined,
  'PUT /api/v1/users/:id/availability': {
    timezone: 'Europe/Paris',
    weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  },
  'POST /api/v1/bookings/:id/cancel': undefined,
  'POST /api/v1/bookings/:id/reschedule': { start: '2030-01-07T09:00:00Z' },
  'POST /api/v1/bookings/:id/outcome': { outcome: 'no_show' },
  'POST /api/v1/leads/:id/route': undefined,
  'DELETE /api/v1/routing/rules/:id': undefined,
  'PUT /api/v1/teams/:id': { name: 'Hijacked', slug: 'hijacked', members: [] },
  'DELETE /api/v1/teams/:id': undefined,
  'DELETE /api/v1/saved-views/:id': undefined,
};
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
// Read routes whose query is required: a valid one, so the read reaches the ownership check.
const GET_QUERIES: Record<string, string> = {
  'GET /api/v1/users/:id/slots': '?meetingTypeId=mtt_any&from=2030-01-07T00:00:00Z&to=2030-01-08T00:00:00Z',
};

// Templates are named, not numbered: a name is looked up in the caller's own workspace, so B
// naming A's template reaches B's namespace (checked apart below), never A's template.
const OWN_NAMESPACE_ROUTES = new Set([
  'GET /api/v1/templates/:name',
  'PUT /api/v1/templates/:name',
  'POST /api/v1/templates/:name/preview',
]);
const A_TEMPLATE = 'a-corp-only-template';

// Streams never end: they are checked for isolation apart (by the inbox tests), not walked.
const STREAM_ROUTES = new Set(['/api/v1/conversations/stream']);

const A_RULE_ID = 'workspace-a-only-rule';
const A_EMAIL = 'alice@a-corp.example';

let test: TestContext;
let a: TestWorkspace;
let b: TestWorkspace;
let ledger: WriteLedger;
/** Ids of workspace A's objects, by the path that names them (`/api/v1/leads/` → a lead id). */
const fixtureOfA: Record<string, string> = {};
let secretsOfA: string[] = [];

const call = (headers: Headers, method: Method, url: string, payload?: object) =>
  test.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

async function expectOk(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.statusCode === 204 ? null : response.json();
}

beforeAll(async () => {
  test = await createTestContext();
  a = await test.createWorkspace('A Corp');
  b = await test.createWorkspace('B Corp');
  const lead = await buildLead(test, a, { email: A_EMAIL, firstName: 'Alice' });
  const byPhone = await buildLead(test, a, { email: undefined, phone: '+33 6 11 22 33 44' });
  const conflict = await expectOk(
    await call(a.headers, 'POST', '/api/v1/leads', { email: A_EMAIL, phone: '0611223344' }),
  );
  const user = await expectOk(
    await call(a.headers, 'POST', '/api/v1/users', {
      email: 'marc@a-corp.example',
      name: 'Marc',
      role: 'marketer',
    }),
  );
  const key = await expectOk(await call(a.headers, 'POST', '/api/v1/api-keys', { name: 'A integration' }));
  const form = await expectOk(
    await call(a.headers, 'POST', '/api/v1/forms', {
      name: 'A contact form',
      fields: [{ name: 'email', type: 'email', required: true, mapTo: 'email' }],
    }),
  );
  await expectOk(
    await call(a.headers, 'POST', '/api/v1/scoring/rules', {
      id: A_RULE_ID,
      name: 'A only',
      group: 'fit',
      points: 5,
      condition: { op: 'exists', field: 'jobTitle' },
    }),
  );
  const sequence = await expectOk(
    await call(a.headers, 'POST', '/api/v1/sequences', {
      name: 'A nurture',
      steps: [{ type: 'wait', duration: 'P30D' }, { type: 'exit' }],
    }),
  );
  const enrollment = await expectOk(
    await call(a.headers, 'POST', `/api/v1/sequences/${sequence.id}/enrollments`, { leadId: lead.id }),
  );
  await expectOk(
    await call(a.headers, 'PUT', `/api/v1/templates/${A_TEMPLATE}`, {
      channel: 'email',
      subject: { fr: 'Offre Alice', en: 'Alice offer' },
      body: { fr: 'Secret A', en: 'Secret A' },
    }),
  );
  await expectOk(
    await call(a.headers, 'PUT', `/api/v1/users/${a.admin.userId}/availability`, {
      timezone: 'Europe/Paris',
      weekly: {
        mon: ALL_DAY,
        tue: ALL_DAY,
        wed: ALL_DAY,
        thu: ALL_DAY,
        fri: ALL_DAY,
        sat: ALL_DAY,
        sun: ALL_DAY,
      },
      minNoticeMinutes: 0,
    }),
  );
  const meetingType = await expectOk(
    await call(a.headers, 'POST', '/api/v1/meeting-types', {
      name: 'A call',
      slug: 'a-call',
      durationMinutes: 30,
      location: { kind: 'phone' },
    }),
  );
  const slotStart = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000).toISOString();
  const booking = await expectOk(
    await call(a.headers, 'POST', '/api/v1/bookings', {
      leadId: lead.id,
      userId: a.admin.userId,
      meetingTypeId: meetingType.id,
      start: slotStart,
    }),
  );
  const team = await expectOk(
    await call(a.headers, 'POST', '/api/v1/teams', { name: 'A team', slug: 'a-team', members: [] }),
  );
  const routingRule = await expectOk(
    await call(a.headers, 'POST', '/api/v1/routing/rules', {
      name: 'A rule',
      priority: 1,
      conditions: { field: 'country', op: 'eq', value: 'FR' },
      target: { userId: a.admin.userId },
    }),
  );
  const played = await expectOk(
    await call(a.headers, 'POST', `/api/v1/sandbox/leads/${lead.id}/messages`, { text: 'Bonjour' }),
  );
  // Shared, so that even B's admin (who may delete shared views) must not reach it.
  const savedView = await expectOk(
    await call(a.headers, 'POST', '/api/v1/saved-views', { name: 'A hot leads', isShared: true }),
  );
  Object.assign(fixtureOfA, {
    '/api/v1/leads/': lead.id,
    '/api/v1/sandbox/leads/': lead.id,
    '/api/v1/conversations/': played.conversation.id,
    '/api/v1/sequences/': sequence.id,
    '/api/v1/enrollments/': enrollment.id,
    '/api/v1/bookings/': booking.id,
    '/api/v1/routing/rules/': routingRule.id,
    '/api/v1/teams/': team.id,
    '/api/v1/merge-proposals/': conflict.mergeProposalIds[0],
    '/api/v1/users/': user.id,
    '/api/v1/api-keys/': key.id,
    '/api/v1/forms/': form.id,
    '/api/v1/scoring/rules/': A_RULE_ID,
    '/api/v1/saved-views/': savedView.id,
  });
  secretsOfA = [
    a.workspaceId,
    a.admin.userId!,
    lead.id,
    byPhone.id,
    A_EMAIL,
    '+33611223344',
    key.key,
    form.key,
    ...Object.values(fixtureOfA),
  ];
  // Something B can see in its own workspace, so "sees none of A" is not "sees nothing".
  await buildLead(test, b, { email: 'bob@b-corp.example' });
  ledger = await installWriteLedger(test.ctx.handle);
}, 120_000);

afterAll(() => test?.close());

/** The URL of a route with A's objects in its parameters; fails for a route nobody gave a fixture. */
function urlWithObjectsOfA(route: Route): string {
  return route.url.replace(/:(\w+)/g, (parameter, name: string, offset: number) => {
    if (name === 'field') return 'authority';
    const prefix = route.url.slice(0, offset);
    const id = fixtureOfA[prefix];
    if (!id)
      throw new Error(
        `No workspace-A object for ${parameter} in ${route.method} ${route.url}: add a fixture`,
      );
    return id;
  });
}

/** What A's own admin reads of A's objects: must be the same after B's attempts. */
async function snapshotOfA() {
  const read = async (url: string) => (await call(a.headers, 'GET', url)).json();
  const keys = (await read('/api/v1/api-keys')) as {
    data: { id: string; name: string; revokedAt: string | null }[];
  };
  return {
    lead: await read(`/api/v1/leads/${fixtureOfA['/api/v1/leads/']}`),
    timeline: await read(`/api/v1/leads/${fixtureOfA['/api/v1/leads/']}/timeline`),
    proposals: await read('/api/v1/merge-proposals'),
    users: await read('/api/v1/users'),
    keys: keys.data.map(({ id, name, revokedAt }) => ({ id, name, revokedAt })),
    form: await read(`/api/v1/forms/${fixtureOfA['/api/v1/forms/']}`),
    grid: await read('/api/v1/scoring/grid'),
    conversation: await read(`/api/v1/conversations/${fixtureOfA['/api/v1/conversations/']}`),
    sequence: await read(`/api/v1/sequences/${fixtureOfA['/api/v1/sequences/']}`),
    enrollment: await read(`/api/v1/enrollments/${fixtureOfA['/api/v1/enrollments/']}`),
    template: await read(`/api/v1/templates/${A_TEMPLATE}`),
  };
}

describe('workspace isolation', () => {
  const apiRoutes = () => registeredRoutes(test.app).filter((route) => route.url.startsWith('/api/v1/'));

  it('finds the routes to walk in the application itself', () => {
    const routes = apiRoutes().map((route) => `${route.method} ${route.url}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/leads/:id',
        'PATCH /api/v1/leads/:id',
        'DELETE /api/v1/api-keys/:id',
        'GET /api/v1/leads',
      ]),
    );
  });

  it("answers 404 to every route naming one of A's objects with B's credentials, and changes nothing", async () => {
    const bMarketer = await test.createMember(b, 'marketer');
    const bRep = await test.createMember(b, 'sales_rep');
    const bAdminUser = await test.createMember(b, 'admin', 'admin@b-corp.example');
    const login = await call({}, 'POST', '/api/v1/auth/login', {
      email: 'admin@b-corp.example',
      password: 'correct horse battery',
    });
    const cookie = login.headers['set-cookie'];
    expect(login.statusCode, login.body).toBe(200);
    const callers: [string, Headers, number[]][] = [
      ['B admin key', b.headers, [404]],
      [
        'B admin session',
        { cookie: String(Array.isArray(cookie) ? cookie[0] : cookie).split(';')[0]! },
        [404],
      ],
      ['B second admin key', bAdminUser.headers, [404]],
      ['B marketer', bMarketer.headers, [403, 404]],
      ['B sales rep', bRep.headers, [403, 404]],
    ];
    const before = { writes: await ledger.read(), objects: await snapshotOfA() };

    const walked: string[] = [];
    for (const route of apiRoutes().filter((candidate) => candidate.url.includes(':'))) {
      const signature = `${route.method} ${route.url}`;
      if (OWN_NAMESPACE_ROUTES.has(signature)) continue;
      if (route.method !== 'GET' && !(signature in WRITE_BODIES)) {
        throw new Error(`${signature} writes with an id: add a valid body to WRITE_BODIES`);
      }
      const url = `${urlWithObjectsOfA(route)}${GET_QUERIES[signature] ?? ''}`;
      for (const [caller, headers, allowed] of callers) {
        const response = await call(headers, route.method, url, WRITE_BODIES[signature]);
        const context = `${caller}: ${route.method} ${url} answered ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(allowed, context).toContain(response.statusCode);
        expect(typeof response.json().error?.code, context).toBe('string');
        for (const secret of secretsOfA.filter((value) => !url.includes(value))) {
          expect(response.body, `${context} leaks ${secret}`).not.toContain(secret);
        }
      }
      walked.push(signature);
    }

    expect(walked.length).toBeGreaterThanOrEqual(10);
    expect(await ledger.read(), 'B changed something').toEqual(before.writes);
    expect(await snapshotOfA()).toEqual(before.objects);
  });

  it("keeps A's named templates out of B's reach", async () => {
    const read = await call(b.headers, 'GET', `/api/v1/templates/${A_TEMPLATE}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('Secret A');
    const before = await snapshotOfA();
    const own = await call(b.headers, 'PUT', `/api/v1/templates/${A_TEMPLATE}`, {
      channel: 'email',
      subject: { fr: 'B', en: 'B' },
      body: { fr: 'Texte B', en: 'Text B' },
    });
    expect(own.statusCode).toBe(200);
    expect(await snapshotOfA()).toEqual(before);
    const preview = await call(b.headers, 'POST', `/api/v1/templates/${A_TEMPLATE}/preview`, {
      leadId: fixtureOfA['/api/v1/leads/'],
    });
    expect(preview.statusCode).toBe(404);
  });

  it("never lists A's objects to B, on any list route", async () => {
    const lists = apiRoutes().filter(
      (route) => route.method === 'GET' && !route.url.includes(':') && !STREAM_ROUTES.has(route.url),
    );
    expect(lists.length).toBeGreaterThanOrEqual(5);
    const queries = ['', `?q=alice`, `?ownerId=${a.admin.userId}`, `?includeArchived=true`, '?status=open'];
    for (const route of lists) {
      for (const query of queries) {
        const response = await call(b.headers, 'GET', `${route.url}${query}`);
        const context = `GET ${route.url}${query} answered ${response.statusCode}`;
        expect(response.statusCode, context).toBeLessThan(500);
        for (const secret of secretsOfA)
          expect(response.body, `${context} leaks ${secret}`).not.toContain(secret);
      }
    }
    const bLeads = (await call(b.headers, 'GET', '/api/v1/leads')).json();
    expect(bLeads.data.map((lead: { email: string }) => lead.email)).toEqual(['bob@b-corp.example']);
  });

  it("does not let B reach A's objects through ids or emails inside a body", async () => {
    const before = await ledger.read();
    const events = await call(b.headers, 'POST', '/api/v1/events', {
      events: [
        { leadId: fixtureOfA['/api/v1/leads/'], type: 'page_viewed' },
        { email: A_EMAIL, type: 'email_opened' },
      ],
    });
    expect(events.json().results.map((result: { error?: { code: string } }) => result.error?.code)).toEqual([
      'LEAD_NOT_FOUND',
      'LEAD_NOT_FOUND',
    ]);
    const keyForUserOfA = await call(b.headers, 'POST', '/api/v1/api-keys', {
      name: 'x',
      userId: fixtureOfA['/api/v1/users/'],
    });
    expect(keyForUserOfA.json().error.code).toBe('USER_NOT_FOUND');
    const bLead = (await call(b.headers, 'GET', '/api/v1/leads')).json().data[0];
    const ownerFromA = await call(b.headers, 'PUT', `/api/v1/leads/${bLead.id}/owner`, {
      ownerId: a.admin.userId,
      reason: 'x',
    });
    expect(ownerFromA.json().error.code).toBe('USER_NOT_FOUND');
    expect(await ledger.read()).toEqual(before);

    // The same email in B is another person in another workspace: B gets its own lead, A's is untouched.
    const sameEmail = await call(b.headers, 'POST', '/api/v1/leads', {
      email: A_EMAIL,
      firstName: 'Not Alice',
    });
    expect(sameEmail.statusCode).toBe(201);
    expect(sameEmail.json().id).not.toBe(fixtureOfA['/api/v1/leads/']);
    const leadOfA = (await call(a.headers, 'GET', `/api/v1/leads/${fixtureOfA['/api/v1/leads/']}`)).json();
    expect(leadOfA.firstName).toBe('Alice');
  });
});

describe('sales rep visibility', () => {
  it("shows a rep's lead to that rep and to admins, and to no other rep", async () => {
    const r1 = await test.createMember(a, 'sales_rep');
    const r2 = await test.createMember(a, 'sales_rep');
    const lead = await buildLead(test, a, { email: 'owned@a-corp.example' });
    await expectOk(
      await call(a.headers, 'PUT', `/api/v1/leads/${lead.id}/owner`, {
        ownerId: r1.userId,
        reason: 'territory',
      }),
    );

    for (const url of [`/api/v1/leads/${lead.id}`, `/api/v1/leads/${lead.id}/timeline`]) {
      const hidden = await call(r2.headers, 'GET', url);
      expect(hidden.statusCode, url).toBe(404);
      expect(hidden.json().error.code).toBe('LEAD_NOT_FOUND');
      expect((await call(r1.headers, 'GET', url)).statusCode, url).toBe(200);
      expect((await call(a.headers, 'GET', url)).statusCode, url).toBe(200);
    }
    const listed = async (headers: Headers) =>
      (await call(headers, 'GET', '/api/v1/leads?limit=500'))
        .json()
        .data.map((item: { id: string }) => item.id);
    expect(await listed(r2.headers)).not.toContain(lead.id);
    expect(await listed(r1.headers)).toContain(lead.id);
    expect(await listed(a.headers)).toContain(lead.id);

    const before = await ledger.read();
    const byR2 = await call(r2.headers, 'POST', '/api/v1/events', {
      events: [
        { leadId: lead.id, type: 'page_viewed' },
        { email: 'owned@a-corp.example', type: 'page_viewed' },
      ],
    });
    expect(byR2.json().results.map((result: { error?: { code: string } }) => result.error?.code)).toEqual([
      'LEAD_NOT_FOUND',
      'LEAD_NOT_FOUND',
    ]);
    // Every other route on the lead: R2 is refused (403 by role or 404 by visibility) and writes nothing.
    for (const route of registeredRoutes(test.app).filter((candidate) =>
      candidate.url.startsWith('/api/v1/leads/:id'),
    )) {
      const url = route.url.replace(':id', lead.id).replace(':field', 'authority');
      const response = await call(
        r2.headers,
        route.method,
        url,
        WRITE_BODIES[`${route.method} ${route.url}`],
      );
      expect([403, 404], `${route.method} ${url}: ${response.body}`).toContain(response.statusCode);
    }
    expect(await ledger.read()).toEqual(before);

    const byR1 = await call(r1.headers, 'POST', '/api/v1/events', {
      events: [{ leadId: lead.id, type: 'page_viewed' }],
    });
    expect(byR1.json()).toMatchObject({ accepted: 1, rejected: 0 });
  });
});

describe('revoked API keys', () => {
  it('answers 401 to a key once it is revoked, on reads and writes', async () => {
    const created = await expectOk(
      await call(a.headers, 'POST', '/api/v1/api-keys', { name: 'short-lived' }),
    );
    const headers = { authorization: `Bearer ${created.key}` };
    expect((await call(headers, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await call(a.headers, 'DELETE', `/api/v1/api-keys/${created.id}`)).statusCode).toBe(204);

    const before = await ledger.read();
    for (const [method, url, payload] of [
      ['GET', '/api/v1/me', undefined],
      ['GET', '/api/v1/leads', undefined],
      ['POST', '/api/v1/leads', { email: 'after-revocation@a-corp.example' }],
    ] as const) {
      const response = await call(headers, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('AUTH_INVALID_API_KEY');
    }
    expect(await ledger.read()).toEqual(before);
  });
});
