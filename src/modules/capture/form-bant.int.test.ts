import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { formsClient } from './forms.fixtures.ts';

let test: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
});
afterAll(() => test.close());

const qualificationForm = {
  name: 'Demande de devis',
  fields: [
    { name: 'email', type: 'email', required: true, mapTo: 'email' },
    { name: 'budget', mapTo: 'bant.budget' },
    {
      name: 'role',
      type: 'select',
      options: ['Décideur', 'Influenceur', 'Utilisateur'],
      mapTo: 'bant.authority',
    },
    { name: 'besoin', type: 'textarea', mapTo: 'bant.need' },
    {
      name: 'delai',
      type: 'select',
      options: ['< 1 mois', '1-3 mois', '3-6 mois', '> 6 mois'],
      mapTo: 'bant.timeline',
    },
  ],
};

describe('BANT answers from a form', () => {
  it('records each answer as a BANT value sourced from its form field, and a short timeline with budget makes the lead hot', async () => {
    const client = formsClient(test, workspace, '10.9');
    const form = await client.createForm(qualificationForm);
    const response = await client.submitJson(form.key, {
      email: 'bant-form@example.org',
      budget: '10 000 - 20 000',
      role: 'Décideur',
      besoin: 'Automatiser la relance de nos leads entrants',
      delai: '< 1 mois',
    });
    expect(response.statusCode, response.body).toBe(200);
    const list = (
      await test.app.inject({
        method: 'GET',
        url: '/api/v1/leads?q=bant-form@example.org',
        headers: workspace.headers,
      })
    ).json();
    const lead = list.data[0];
    expect(lead.temperature).toBe('hot');
    const bant = (
      await test.app.inject({
        method: 'GET',
        url: `/api/v1/leads/${lead.id}/bant`,
        headers: workspace.headers,
      })
    ).json();
    expect(bant.current.budget).toMatchObject({
      value: { kind: 'range', min: 10000, max: 20000, currency: 'EUR' },
      source: 'form',
      sourceRef: 'budget',
    });
    expect(bant.current.authority).toMatchObject({
      value: 'decision_maker',
      source: 'form',
      sourceRef: 'role',
    });
    expect(bant.current.need.value.text).toBe('Automatiser la relance de nos leads entrants');
    expect(bant.current.timeline.value).toEqual({ kind: 'horizon', horizon: 'lt_1m' });
  });

  it('refuses an unreadable budget with the field named, and stores nothing', async () => {
    const client = formsClient(test, workspace, '10.8');
    const form = await client.createForm({ ...qualificationForm, name: 'Devis 2' });
    const response = await client.submitJson(form.key, { email: 'bant-bad@example.org', budget: 'beaucoup' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('FORM_FIELD_INVALID');
    expect(JSON.stringify(response.json().error.details)).toContain('budget');
    const list = (
      await test.app.inject({
        method: 'GET',
        url: '/api/v1/leads?q=bant-bad@example.org',
        headers: workspace.headers,
      })
    ).json();
    expect(list.data).toHaveLength(0);
  });
});
