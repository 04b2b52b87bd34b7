import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';

let test: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
});
afterAll(() => test.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  test.app.inject({
    method,
    url,
    headers: workspace.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('lead reads, edits and the event log', () => {
  it('rebuilds the stored lead exactly from its events after captures, edits, owner changes and a merge', async () => {
    const lead = await buildLead(test, workspace, {
      email: 'log@example.org',
      firstName: 'Léa',
      utm: { source: 'google' },
    });
    await call('POST', '/api/v1/leads', {
      email: 'log@example.org',
      jobTitle: 'Head of Sales',
      attributes: { plan: 'pro' },
    });
    await call('PATCH', `/api/v1/leads/${lead.id}`, {
      lastName: 'Durand',
      company: { name: 'Durand SA', size: '50-199' },
    });
    const rep = await test.createMember(workspace, 'sales_rep');
    const owned = await call('PUT', `/api/v1/leads/${lead.id}/owner`, {
      ownerId: rep.userId,
      reason: 'territory',
    });
    expect(owned.json().ownerId).toBe(rep.userId);
    const other = await buildLead(test, workspace, {
      email: undefined,
      phone: '+33 6 99 88 77 66',
      country: 'FR',
    });
    const conflict = await call('POST', '/api/v1/leads', { email: 'log@example.org', phone: '+33699887766' });
    await call('POST', `/api/v1/merge-proposals/${conflict.json().mergeProposalIds[0]}/accept`, {});

    const before = (await call('GET', `/api/v1/leads/${lead.id}`)).json();
    const recomputed = await call('POST', `/api/v1/leads/${lead.id}/recompute`);
    expect(recomputed.json().hasDrifted).toBe(false);
    expect(before).toMatchObject({
      firstName: 'Léa',
      lastName: 'Durand',
      jobTitle: 'Head of Sales',
      phone: '+33699887766',
      ownerId: rep.userId,
    });
    expect(before.attributes).toEqual({ plan: 'pro' });
    expect(before.identities.map((identity: { kind: string }) => identity.kind).sort()).toEqual([
      'email',
      'phone',
    ]);
    const merged = (await call('GET', `/api/v1/leads/${other.id}`)).json();
    expect(merged.mergedIntoId).toBe(lead.id);
  });

  it('refuses an edit that would steal another lead identity', async () => {
    const first = await buildLead(test, workspace, { email: 'owner1@example.org' });
    const second = await buildLead(test, workspace, { email: 'owner2@example.org' });
    const response = await call('PATCH', `/api/v1/leads/${second.id}`, { email: 'OWNER1@example.org' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'LEAD_IDENTITY_TAKEN',
      details: { leadId: first.id },
    });
  });

  it('accepts a batch of events item by item and flags pricing pages', async () => {
    const lead = await buildLead(test, workspace, { email: 'events@example.org' });
    const response = await call('POST', '/api/v1/events', {
      events: [
        { leadId: lead.id, type: 'page_viewed', properties: { url: 'https://acme.fr/tarifs?x=1' } },
        { email: 'EVENTS@example.org', type: 'email_opened', occurredAt: '2026-01-01T10:00:00Z' },
        { leadId: lead.id, type: 'x-trial_started', dedupKey: 'trial-1' },
        { leadId: lead.id, type: 'x-trial_started', dedupKey: 'trial-1' },
        { leadId: lead.id, type: 'not_a_type' },
        { leadId: 'lead_missing', type: 'page_viewed' },
        { type: 'page_viewed' },
      ],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.results.map((result: { status: string }) => result.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'duplicate',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(body.results[4].error.code).toBe('EVENT_TYPE_INVALID');
    expect(body.results[5].error.code).toBe('LEAD_NOT_FOUND');
    const timeline = (await call('GET', `/api/v1/leads/${lead.id}/timeline`)).json();
    const pageView = timeline.data.find((event: { type: string }) => event.type === 'page_viewed');
    expect(pageView.properties.isPricingPage).toBe(true);
    expect(timeline.data.filter((event: { type: string }) => event.type === 'x-trial_started')).toHaveLength(
      1,
    );
    // Newest first: the back-dated email open comes last.
    expect(timeline.data.at(-1).type).toBe('email_opened');
  });

  it('filters, sorts and pages through leads with a cursor', async () => {
    const other = await test.createWorkspace('paging');
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      const lead = await buildLead(test, other, {
        email: `page${index}@paging.org`,
        source: index % 2 ? 'webinar' : 'ads',
      });
      created.push(lead.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/leads?limit=3&sort=createdAt${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await test.app.inject({ method: 'GET', url, headers: other.headers })).json();
      seen.push(...page.data.map((lead: { id: string }) => lead.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created);
    const webinar = (
      await test.app.inject({ method: 'GET', url: '/api/v1/leads?source=webinar', headers: other.headers })
    ).json();
    expect(webinar.data).toHaveLength(3);
    const bad = await test.app.inject({
      method: 'GET',
      url: '/api/v1/leads?cursor=garbage',
      headers: other.headers,
    });
    expect(bad.json().error.code).toBe('LEAD_CURSOR_INVALID');
  });
});

describe('rescoring after edits', () => {
  it('rescores a lead when an edit changes what fit rules read', async () => {
    const other = await test.createWorkspace('fit-edit');
    await test.app.inject({
      method: 'PUT',
      url: '/api/v1/scoring/settings',
      headers: other.headers,
      payload: {
        icp: { personas: ['directeur commercial'], companySizes: [], industries: [], countries: [] },
      },
    });
    const lead = await buildLead(test, other, { email: 'fit-edit@example.org' });
    expect(lead.score).toBe(0);
    const edited = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      headers: other.headers,
      payload: { jobTitle: 'Directeur Commercial France' },
    });
    expect(edited.json().fitScore).toBe(20);
    const score = (
      await test.app.inject({ method: 'GET', url: `/api/v1/leads/${lead.id}/score`, headers: other.headers })
    ).json();
    expect(score.contributions.map((item: { ruleId: string }) => item.ruleId)).toEqual(['fit-persona']);
  });
});
