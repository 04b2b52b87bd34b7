import { expect } from 'vitest';
import type { TestContext, TestWorkspace } from '../../../test/harness.ts';

/** Shared by the forms integration suites: a contact form definition and calls against the app. */
export const CONSENT_TEXT = "J'accepte que Acme me recontacte au sujet de ma demande.";

export const contactForm = (overrides: Record<string, unknown> = {}) => ({
  name: 'Contact',
  fields: [
    { name: 'email', type: 'email', required: true, mapTo: 'email' },
    { name: 'prenom', mapTo: 'firstName' },
    { name: 'societe', mapTo: 'company.name' },
    { name: 'budget', type: 'select', options: ['<10k', '10-50k', '>50k'] },
    { name: 'message', type: 'textarea' },
    { name: 'rgpd', type: 'checkbox', label: CONSENT_TEXT },
  ],
  consents: [
    { purpose: 'sales_contact', channel: 'email', text: CONSENT_TEXT, field: 'rgpd', required: true },
  ],
  ...overrides,
});

export function formsClient(test: TestContext, workspace: TestWorkspace, ipPrefix: string) {
  let ipCounter = 0;
  // Each call posts from its own address unless told otherwise, so the per-IP rate limit stays out of the way.
  const nextIp = () => `${ipPrefix}.${++ipCounter}`;
  return {
    nextIp,
    async createForm(body: object, headers: Record<string, string> = workspace.headers) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/forms',
        headers,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string; key: string; submitUrl: string };
    },
    submitJson(key: string, payload: object, headers: Record<string, string> = {}, query = '') {
      return test.app.inject({
        method: 'POST',
        url: `/f/${key}${query}`,
        headers: { 'x-forwarded-for': nextIp(), ...headers },
        payload,
      });
    },
    /** A browser posting a plain HTML form (urlencoded, asking for a page). */
    submitForm(key: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
      return test.app.inject({
        method: 'POST',
        url: `/f/${key}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
          'x-forwarded-for': nextIp(),
          ...headers,
        },
        payload: new URLSearchParams(fields).toString(),
      });
    },
    async findLeadByEmail(email: string) {
      const response = await test.app.inject({
        method: 'GET',
        url: `/api/v1/leads?q=${encodeURIComponent(email)}`,
        headers: workspace.headers,
      });
      return (response.json().data as { id: string; email: string }[]).filter((lead) => lead.email === email);
    },
  };
}
