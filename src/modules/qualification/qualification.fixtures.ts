import { expect } from 'vitest';
import type { TestContext, TestWorkspace } from '../../../test/harness.ts';
import { defaultGridRules, saveGrid } from '../scoring/index.ts';

/** Shared by the qualification integration suites: an ICP grid and calls against the app. */
type Headers = { authorization: string };

/**
 * Default grid with an ICP: persona 20 + company size 15 + industry 10 = fit 45; pricing page 25,
 * white paper 15, demo request 40 (no decay at age 0). ICP_LEAD fits all three.
 */
export const ICP_LEAD = {
  jobTitle: 'Directeur Commercial',
  company: { name: 'Acme', size: '200', industry: 'SaaS' },
};

export async function saveIcpGrid(test: TestContext, workspace: TestWorkspace): Promise<void> {
  await saveGrid(
    test.ctx.db,
    workspace.workspaceId,
    {
      rules: defaultGridRules(),
      settings: {
        icp: {
          personas: ['directeur commercial'],
          companySizes: [{ min: 50, max: 500 }],
          industries: ['saas'],
          countries: [],
        },
      },
    },
    null,
    test.clock.now(),
  );
}

export function qualificationClient(test: TestContext, workspace: TestWorkspace) {
  const inject = test.app.inject.bind(test.app);
  const client = {
    async sendEvents(
      leadId: string,
      items: { type: string; properties?: Record<string, unknown> }[],
      headers: Headers = workspace.headers,
    ) {
      const response = await inject({
        method: 'POST',
        url: '/api/v1/events',
        headers,
        payload: { events: items.map((item) => ({ leadId, ...item })) },
      });
      expect(response.json().rejected).toBe(0);
    },
    async readLead(leadId: string) {
      const response = await inject({
        method: 'GET',
        url: `/api/v1/leads/${leadId}`,
        headers: workspace.headers,
      });
      return response.json() as { stage: string; temperature: string; score: number; fitScore: number };
    },
    /** The lead's stage_changed events, oldest first. */
    stageEvents(leadId: string) {
      return this.eventsOfType(leadId, 'stage_changed');
    },
    /** The lead's events of one type, oldest first. */
    async eventsOfType(leadId: string, type: string) {
      const response = await inject({
        method: 'GET',
        url: `/api/v1/leads/${leadId}/timeline`,
        headers: workspace.headers,
      });
      const events = response.json().data as {
        type: string;
        actor: string | null;
        source: string;
        properties: Record<string, unknown>;
      }[];
      return events.filter((event) => event.type === type).reverse();
    },
    putBant(
      leadId: string,
      field: string,
      body: Record<string, unknown>,
      headers: Record<string, string> = workspace.headers,
    ) {
      return inject({ method: 'PUT', url: `/api/v1/leads/${leadId}/bant/${field}`, headers, payload: body });
    },
    async putBantOk(leadId: string, field: string, value: unknown) {
      const response = await client.putBant(leadId, field, { value });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
    readBant(leadId: string, headers: Headers = workspace.headers) {
      return inject({ method: 'GET', url: `/api/v1/leads/${leadId}/bant`, headers });
    },
    moveStage(leadId: string, body: Record<string, unknown>, headers: Headers = workspace.headers) {
      return inject({ method: 'POST', url: `/api/v1/leads/${leadId}/stage`, headers, payload: body });
    },
  };
  return client;
}
