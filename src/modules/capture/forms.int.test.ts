import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { contactForm, formsClient } from './forms.fixtures.ts';

let test: TestContext;
let workspace: TestWorkspace;
let client: ReturnType<typeof formsClient>;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  client = formsClient(test, workspace, '198.51.100');
});
afterAll(() => test.close());

const createForm: ReturnType<typeof formsClient>['createForm'] = (...args) => client.createForm(...args);
const submitJson: ReturnType<typeof formsClient>['submitJson'] = (...args) => client.submitJson(...args);
const findLeadByEmail: ReturnType<typeof formsClient>['findLeadByEmail'] = (...args) =>
  client.findLeadByEmail(...args);

describe('forms API', () => {
  it('creates a form with an unguessable public key, then lists, reads, edits and archives it', async () => {
    const created = await createForm(contactForm({ allowedOrigins: ['https://WWW.acme.fr/'] }));
    expect(created.key).toMatch(/^frm_[A-Za-z0-9_-]{24}$/);
    expect(created.submitUrl).toBe(`${test.config.publicUrl}/f/${created.key}`);
    expect(created).toMatchObject({ allowedOrigins: ['https://www.acme.fr'], honeypotField: 'website' });
    expect((await createForm(contactForm())).key).not.toBe(created.key);

    const read = await test.app.inject({
      method: 'GET',
      url: `/api/v1/forms/${created.id}`,
      headers: workspace.headers,
    });
    expect(read.json()).toEqual(created);
    const edited = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/forms/${created.id}`,
      headers: workspace.headers,
      payload: { name: 'Contact v2', successMessage: 'À très vite !' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Contact v2',
      successMessage: 'À très vite !',
      key: created.key,
    });

    const archived = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/forms/${created.id}`,
      headers: workspace.headers,
    });
    expect(archived.statusCode).toBe(204);
    const active = await test.app.inject({ method: 'GET', url: '/api/v1/forms', headers: workspace.headers });
    expect(active.json().data.map((form: { id: string }) => form.id)).not.toContain(created.id);
    const all = await test.app.inject({
      method: 'GET',
      url: '/api/v1/forms?includeArchived=true',
      headers: workspace.headers,
    });
    expect(all.json().data.find((form: { id: string }) => form.id === created.id).archivedAt).toBeTruthy();
    const submitted = await submitJson(created.key, { email: 'late@example.org', rgpd: true });
    expect(submitted.statusCode).toBe(404);
    expect(submitted.json().error.code).toBe('FORM_NOT_FOUND');
    const editArchived = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/forms/${created.id}`,
      headers: workspace.headers,
      payload: { name: 'again' },
    });
    expect(editArchived.json().error.code).toBe('FORM_ARCHIVED');
  });

  it('rejects inconsistent definitions with a clear code and keeps the stored form unchanged', async () => {
    const cases: [object, string, string][] = [
      [
        contactForm({ fields: [...contactForm().fields, { name: 'email', type: 'text' }] }),
        'FORM_DEFINITION_INVALID',
        'duplicate field name',
      ],
      [
        contactForm({ fields: [{ name: 'email', mapTo: 'password' }], consents: [] }),
        'VALIDATION_FAILED',
        'mapTo',
      ],
      [
        contactForm({
          consents: [{ purpose: 'whatsapp', channel: 'whatsapp', text: 'ok', field: 'message' }],
        }),
        'FORM_DEFINITION_INVALID',
        'must be a checkbox',
      ],
      [contactForm({ allowedOrigins: ['https://www.acme.fr/contact'] }), 'VALIDATION_FAILED', 'origin'],
      [contactForm({ allowedOrigins: ['*'] }), 'VALIDATION_FAILED', 'origin'],
    ];
    for (const [body, code, hint] of cases) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/forms',
        headers: workspace.headers,
        payload: body,
      });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe(code);
      expect(JSON.stringify(response.json().error)).toContain(hint);
    }

    const form = await createForm(contactForm());
    const removeCheckbox = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/forms/${form.id}`,
      headers: workspace.headers,
      payload: { fields: contactForm().fields.filter((field) => field.name !== 'rgpd') },
    });
    expect(removeCheckbox.statusCode).toBe(400);
    expect(removeCheckbox.json().error.code).toBe('FORM_DEFINITION_INVALID');
    const after = await test.app.inject({
      method: 'GET',
      url: `/api/v1/forms/${form.id}`,
      headers: workspace.headers,
    });
    expect(after.json().fields.map((field: { name: string }) => field.name)).toContain('rgpd');
  });

  it('keeps each workspace to its own forms', async () => {
    const form = await createForm(contactForm());
    const other = await test.createWorkspace('Other');
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await test.app.inject({
        method,
        url: `/api/v1/forms/${form.id}`,
        headers: other.headers,
        ...(method === 'PATCH' ? { payload: { name: 'stolen' } } : {}),
      });
      expect(response.statusCode, method).toBe(404);
      expect(response.json().error.code).toBe('FORM_NOT_FOUND');
    }
    const list = await test.app.inject({ method: 'GET', url: '/api/v1/forms', headers: other.headers });
    expect(list.json().data).toEqual([]);
    // A submission lands in the workspace of the form's key, never in another one.
    await submitJson(form.key, { email: 'isolated@example.org', rgpd: true });
    const othersLeads = await test.app.inject({
      method: 'GET',
      url: '/api/v1/leads?q=isolated@example.org',
      headers: other.headers,
    });
    expect(othersLeads.json().data).toEqual([]);
    expect(await findLeadByEmail('isolated@example.org')).toHaveLength(1);
    const mine = await test.app.inject({
      method: 'GET',
      url: `/api/v1/forms/${form.id}`,
      headers: workspace.headers,
    });
    expect(mine.json().name).toBe('Contact');
  });

  it('lets marketers manage forms and sales reps only read them', async () => {
    const marketer = await test.createMember(workspace, 'marketer');
    const rep = await test.createMember(workspace, 'sales_rep');
    const form = await createForm(contactForm(), marketer.headers);
    const denied = await test.app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: rep.headers,
      payload: contactForm(),
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('AUTH_FORBIDDEN');
    for (const method of ['PATCH', 'DELETE'] as const) {
      const response = await test.app.inject({
        method,
        url: `/api/v1/forms/${form.id}`,
        headers: rep.headers,
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(response.json().error.code, method).toBe('AUTH_FORBIDDEN');
    }
    const read = await test.app.inject({
      method: 'GET',
      url: `/api/v1/forms/${form.id}`,
      headers: rep.headers,
    });
    expect(read.statusCode).toBe(200);
  });
});
