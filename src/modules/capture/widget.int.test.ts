import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { CONSENT_TEXT, contactForm, formsClient } from './forms.fixtures.ts';

let test: TestContext;
let workspace: TestWorkspace;
let client: ReturnType<typeof formsClient>;

const SITE = 'https://www.acme.fr';

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  client = formsClient(test, workspace, '198.18.7');
});
afterAll(() => test.close());

const getDefinition = (key: string, headers: Record<string, string> = {}, query = '') =>
  test.app.inject({
    method: 'GET',
    url: `/f/${key}/definition${query}`,
    headers: { 'x-forwarded-for': client.nextIp(), ...headers },
  });

describe('GET /f/:formKey/definition', () => {
  it('gives the public part of the form: fields, consent text, honeypot, thank-you message, submit URL', async () => {
    const form = await client.createForm(
      contactForm({
        allowedOrigins: [SITE],
        source: 'site-secret-source',
        successRedirect: 'https://www.acme.fr/merci-interne',
        successMessage: 'Merci, un conseiller vous rappelle sous 24 h.',
        honeypotField: 'url_site',
      }),
    );
    const response = await getDefinition(form.key, { origin: SITE, 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(SITE);
    expect(response.headers.vary).toContain('Origin');
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const definition = response.json();
    expect(definition).toEqual({
      key: form.key,
      language: 'fr',
      fields: [
        { name: 'email', label: null, type: 'email', required: true, options: null, autocomplete: 'email' },
        {
          name: 'prenom',
          label: null,
          type: 'text',
          required: false,
          options: null,
          autocomplete: 'given-name',
        },
        {
          name: 'societe',
          label: null,
          type: 'text',
          required: false,
          options: null,
          autocomplete: 'organization',
        },
        {
          name: 'budget',
          label: null,
          type: 'select',
          required: false,
          options: ['<10k', '10-50k', '>50k'],
          autocomplete: null,
        },
        {
          name: 'message',
          label: null,
          type: 'textarea',
          required: false,
          options: null,
          autocomplete: null,
        },
        {
          name: 'rgpd',
          label: CONSENT_TEXT,
          type: 'checkbox',
          required: false,
          options: null,
          autocomplete: null,
        },
      ],
      consents: [
        { field: 'rgpd', purpose: 'sales_contact', channel: 'email', text: CONSENT_TEXT, required: true },
      ],
      honeypotField: 'url_site',
      thankYouMessage: 'Merci, un conseiller vous rappelle sous 24 h.',
      submitUrl: form.submitUrl,
    });
    // Nothing internal: lead mapping, origins, redirect, source, ids, workspace.
    for (const secret of [
      'mapTo',
      'company.name',
      'site-secret-source',
      'merci-interne',
      form.id,
      'allowed',
    ]) {
      expect(response.body).not.toContain(secret);
    }
    expect(response.body).not.toContain(workspace.workspaceId);
  });

  it('speaks the language asked by the page, else the visitor’s, with the default thank-you message', async () => {
    const form = await client.createForm(contactForm());
    const english = await getDefinition(form.key, { 'accept-language': 'en-GB' });
    expect(english.json()).toMatchObject({
      language: 'en',
      thankYouMessage: 'Thank you, we have received your request.',
    });
    const french = await getDefinition(form.key, { 'accept-language': 'en-GB' }, '?lang=fr');
    expect(french.json()).toMatchObject({
      language: 'fr',
      thankYouMessage: 'Merci, nous avons bien reçu votre demande.',
    });
    const unknown = await getDefinition(form.key, {}, '?lang=de');
    expect(unknown.statusCode).toBe(400);
  });

  it('gives CORS to the form’s origins only, exactly like the submit endpoint', async () => {
    const form = await client.createForm(contactForm({ allowedOrigins: [SITE] }));
    const refused = await getDefinition(form.key, { origin: 'https://evil.example' });
    expect(refused.statusCode).toBe(200);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const refusedSubmit = await client.submitJson(
      form.key,
      { email: 'cors@example.org', rgpd: true },
      { origin: 'https://evil.example' },
    );
    expect(refusedSubmit.headers['access-control-allow-origin']).toBeUndefined();

    const closed = await client.createForm(contactForm());
    const noOrigins = await getDefinition(closed.key, { origin: SITE });
    expect(noOrigins.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 404 FORM_NOT_FOUND for an unknown or archived form', async () => {
    const unknown = await getDefinition('frm_doesnotexist', { origin: SITE });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('FORM_NOT_FOUND');

    const form = await client.createForm(contactForm({ allowedOrigins: [SITE] }));
    const archived = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/forms/${form.id}`,
      headers: workspace.headers,
    });
    expect(archived.statusCode).toBe(204);
    const closed = await getDefinition(form.key, { origin: SITE });
    expect(closed.statusCode).toBe(404);
    expect(closed.json().error.code).toBe('FORM_NOT_FOUND');
  });
});

describe('GET /widget.js', () => {
  it('serves the widget as cacheable JavaScript, without authentication', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/widget.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(response.body).toContain('attachShadow');
    expect(response.body).toContain('/definition');
    // Browsers run it as written: no TypeScript or module syntax left in it.
    expect(response.body).not.toMatch(/^\s*(import|export)\s/m);
    expect(() => new Function(response.body)).not.toThrow();

    const etag = response.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await test.app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });
});
