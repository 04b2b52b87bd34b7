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

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  test.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: { ...workspace.headers, ...headers },
    payload: payload as object,
  });

describe('POST /api/v1/leads', () => {
  it('creates a lead with normalised identities and answers 201', async () => {
    const response = await post({
      email: '  Alice@ACME.fr ',
      phone: '06 12 34 56 78',
      firstName: 'Alice',
      company: { name: 'Acme', domain: 'ACME.fr' },
      utm: { source: 'linkedin', campaign: 'q4' },
    });
    expect(response.statusCode).toBe(201);
    const lead = response.json();
    expect(lead.id).toMatch(/^lead_/);
    expect(lead.email).toBe('alice@acme.fr');
    expect(lead.phone).toBe('+33612345678');
    expect(lead.company).toEqual({ name: 'Acme', domain: 'acme.fr', size: null, industry: null });
    expect(lead.firstTouch.utm).toEqual({ source: 'linkedin', campaign: 'q4' });
  });

  it('matches the same person written with another email case and answers 200 with one lead', async () => {
    const first = await post({ email: 'bob@example.org', firstName: 'Bob' });
    const second = await post({ email: 'BOB@Example.ORG', jobTitle: 'CTO' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(second.json().jobTitle).toBe('CTO');
    expect(second.json().firstName).toBe('Bob');
    const list = await test.app.inject({
      method: 'GET',
      url: '/api/v1/leads?q=bob',
      headers: workspace.headers,
    });
    expect(
      list.json().data.filter((lead: { email: string }) => lead.email === 'bob@example.org'),
    ).toHaveLength(1);
  });

  it('opens a merge proposal when email and phone point at two different leads', async () => {
    const byEmail = await buildLead(test, workspace, { email: 'carol@example.org' });
    const byPhone = await buildLead(test, workspace, { email: undefined, phone: '+33 7 11 22 33 44' });
    const both = await post({ email: 'carol@example.org', phone: '0711223344' });
    expect(both.statusCode).toBe(200);
    expect(both.json().id).toBe(byEmail.id);
    expect(both.json().mergeProposalIds).toHaveLength(1);
    const proposals = await test.app.inject({
      method: 'GET',
      url: '/api/v1/merge-proposals?status=open',
      headers: workspace.headers,
    });
    const proposal = proposals
      .json()
      .data.find((item: { id: string }) => item.id === both.json().mergeProposalIds[0]);
    expect(proposal).toMatchObject({ leadId: byEmail.id, otherLeadId: byPhone.id, status: 'open' });

    const accepted = await test.app.inject({
      method: 'POST',
      url: `/api/v1/merge-proposals/${proposal.id}/accept`,
      headers: workspace.headers,
      payload: {},
    });
    expect(accepted.statusCode).toBe(200);
    const merged = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${byEmail.id}`,
      headers: workspace.headers,
    });
    expect(merged.json().phone).toBe('+33711223344');
    const timeline = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${byEmail.id}/timeline`,
      headers: workspace.headers,
    });
    const leadIds = new Set(timeline.json().data.map((event: { leadId: string }) => event.leadId));
    expect(leadIds).toEqual(new Set([byEmail.id, byPhone.id]));
    const again = await test.app.inject({
      method: 'POST',
      url: `/api/v1/merge-proposals/${proposal.id}/accept`,
      headers: workspace.headers,
      payload: {},
    });
    expect(again.json().error.code).toBe('MERGE_PROPOSAL_CLOSED');
  });

  it('replays the first answer for the same Idempotency-Key and body, and refuses another body', async () => {
    const body = { email: 'idem@example.org', firstName: 'Dora' };
    const first = await post(body, { 'idempotency-key': 'k-1' });
    const replay = await post(body, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const conflict = await post({ ...body, firstName: 'Other' }, { 'idempotency-key': 'k-1' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('rejects bad input with a code and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ firstName: 'No identity' }, 'LEAD_IDENTITY_REQUIRED'],
      [{ email: 'not-an-email' }, 'LEAD_EMAIL_INVALID'],
      [{ phone: '12' }, 'LEAD_PHONE_INVALID'],
      [{ email: 'x@example.org', language: 'de' }, 'VALIDATION_FAILED'],
      [{ email: 'x@example.org', timezone: 'Mars/Olympus' }, 'VALIDATION_FAILED'],
      [{ email: 'x@example.org', unknownField: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe(code);
    }
    const list = await test.app.inject({
      method: 'GET',
      url: '/api/v1/leads?q=x@example.org',
      headers: workspace.headers,
    });
    expect(list.json().data).toHaveLength(0);
  });

  it('records consents in the ledger', async () => {
    const response = await post({
      email: 'eve@example.org',
      consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true, text: 'I agree to WhatsApp' }],
    });
    const { getConsentHistory } = await import('../privacy/index.ts');
    const history = await getConsentHistory(test.ctx.db, workspace.workspaceId, response.json().id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      purpose: 'whatsapp',
      channel: 'whatsapp',
      granted: true,
      method: 'api',
      text: 'I agree to WhatsApp',
    });
  });

  it('requires authentication', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { email: 'a@b.fr' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_REQUIRED');
  });
});
