import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { getConsentHistory } from '../privacy/index.ts';
import { CONSENT_TEXT, contactForm, formsClient } from './forms.fixtures.ts';

let test: TestContext;
let workspace: TestWorkspace;
let client: ReturnType<typeof formsClient>;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  client = formsClient(test, workspace, '198.18.0');
});
afterAll(() => test.close());

const createForm: ReturnType<typeof formsClient>['createForm'] = (...args) => client.createForm(...args);
const submitJson: ReturnType<typeof formsClient>['submitJson'] = (...args) => client.submitJson(...args);
const findLeadByEmail: ReturnType<typeof formsClient>['findLeadByEmail'] = (...args) =>
  client.findLeadByEmail(...args);
const submitForm: ReturnType<typeof formsClient>['submitForm'] = (...args) => client.submitForm(...args);
const nextIp = () => client.nextIp();

describe('POST /f/:formKey', () => {
  it('captures a JSON submission: mapped fields, form_ attributes, UTM, consent proof and the event', async () => {
    const form = await createForm(contactForm({ source: 'site-web' }));
    const response = await submitJson(
      form.key,
      {
        email: 'Nina@Example.org',
        prenom: 'Nina',
        societe: 'Nord Conseil',
        budget: '10-50k',
        message: 'Un devis svp',
        rgpd: true,
        utm_source: 'linkedin',
        referrer: 'https://www.google.com/',
        website: '',
      },
      { 'x-forwarded-for': '203.0.113.9', 'user-agent': 'Mozilla/5.0 (Test)' },
      '?utm_campaign=q4&utm_source=ignored',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, message: 'Thank you, we have received your request.' });
    expect(response.body).not.toContain('lead_');

    const [lead] = await findLeadByEmail('nina@example.org');
    const full = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead!.id}`,
      headers: workspace.headers,
    });
    expect(full.json()).toMatchObject({
      firstName: 'Nina',
      company: { name: 'Nord Conseil' },
      source: 'site-web',
      attributes: { form_budget: '10-50k', form_message: 'Un devis svp' },
      firstTouch: {
        source: 'site-web',
        utm: { source: 'linkedin', campaign: 'q4' },
        referrer: 'https://www.google.com/',
      },
    });

    const history = await getConsentHistory(test.ctx.db, workspace.workspaceId, lead!.id);
    expect(history).toEqual([
      expect.objectContaining({
        purpose: 'sales_contact',
        channel: 'email',
        granted: true,
        method: 'form',
        formId: form.id,
        text: CONSENT_TEXT,
        ip: '203.0.113.9',
        userAgent: 'Mozilla/5.0 (Test)',
      }),
    ]);

    const timeline = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead!.id}/timeline`,
      headers: workspace.headers,
    });
    const event = timeline.json().data.find((item: { type: string }) => item.type === 'form_submitted');
    expect(event.properties).toMatchObject({
      formId: form.id,
      formKey: form.key,
      answers: { email: 'Nina@Example.org', budget: '10-50k', rgpd: true },
    });
    expect(event.properties.answers).not.toHaveProperty('website');
  });

  it('answers a browser form post with a 303 to the success page, or a thank-you page in French', async () => {
    const redirecting = await createForm(contactForm({ successRedirect: 'https://www.acme.fr/merci' }));
    const redirected = await submitForm(redirecting.key, {
      email: 'paul@example.org',
      prenom: 'Paul',
      rgpd: 'on',
    });
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toBe('https://www.acme.fr/merci');

    const plain = await createForm(contactForm());
    const page = await submitForm(
      plain.key,
      { email: 'lea@example.org', rgpd: 'on', utm_medium: 'cpc', budget: '>50k' },
      { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5', referer: 'https://www.acme.fr/contact' },
    );
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Merci, nous avons bien reçu votre demande.');

    const [paul] = await findLeadByEmail('paul@example.org');
    const [lea] = await findLeadByEmail('lea@example.org');
    expect(paul).toBeDefined();
    const leaFull = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lea!.id}`,
      headers: workspace.headers,
    });
    expect(leaFull.json()).toMatchObject({
      attributes: { form_budget: '>50k' },
      firstTouch: { utm: { medium: 'cpc' }, referrer: 'https://www.acme.fr/contact' },
    });

    const xhr = await submitForm(
      plain.key,
      { email: 'lea@example.org', rgpd: 'on' },
      { accept: 'application/json' },
    );
    expect(xhr.json()).toEqual({ ok: true, message: 'Thank you, we have received your request.' });
  });

  it('answers a filled honeypot exactly like a success and stores nothing', async () => {
    const form = await createForm(contactForm({ successMessage: 'Merci !' }));
    const person = await submitJson(form.key, { email: 'human@example.org', rgpd: true });
    const bot = await submitJson(form.key, {
      email: 'bot@example.org',
      rgpd: true,
      website: 'http://spam.example',
    });
    expect(bot.statusCode).toBe(person.statusCode);
    expect(bot.body).toBe(person.body);
    expect(await findLeadByEmail('bot@example.org')).toEqual([]);
    expect(await findLeadByEmail('human@example.org')).toHaveLength(1);

    // Bots get success even when they skip required fields, and a posting browser gets the usual redirect.
    const sloppyBot = await submitJson(form.key, { website: 'x' });
    expect(sloppyBot.json()).toEqual({ ok: true, message: 'Merci !' });
    const redirecting = await createForm(contactForm({ successRedirect: 'https://www.acme.fr/merci' }));
    const browserBot = await submitForm(redirecting.key, { email: 'bot2@example.org', website: 'x' });
    expect(browserBot.statusCode).toBe(303);
    expect(browserBot.headers.location).toBe('https://www.acme.fr/merci');
    expect(await findLeadByEmail('bot2@example.org')).toEqual([]);
  });

  it('refuses missing required fields, an unticked required consent and unknown forms, writing nothing', async () => {
    const form = await createForm(contactForm());
    const missing = await submitJson(form.key, { prenom: 'Sans email', rgpd: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: 'FORM_FIELD_REQUIRED',
      details: { fields: ['email'] },
    });

    const noConsent = await submitJson(form.key, { email: 'noconsent@example.org', rgpd: false });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error).toMatchObject({
      code: 'FORM_CONSENT_REQUIRED',
      details: { fields: ['rgpd'] },
    });

    const badOption = await submitJson(form.key, {
      email: 'badoption@example.org',
      rgpd: true,
      budget: '1M',
    });
    expect(badOption.json().error.code).toBe('FORM_FIELD_INVALID');
    expect(await findLeadByEmail('noconsent@example.org')).toEqual([]);
    expect(await findLeadByEmail('badoption@example.org')).toEqual([]);

    const unknown = await submitJson('frm_doesnotexist', { email: 'x@example.org' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('FORM_NOT_FOUND');

    const tooLarge = await submitJson(form.key, {
      email: 'big@example.org',
      rgpd: true,
      message: 'x'.repeat(70_000),
    });
    expect(tooLarge.statusCode).toBe(413);
  });

  it('limits submissions per IP and form with 429 RATE_LIMITED', async () => {
    const form = await createForm(contactForm());
    const other = await createForm(contactForm());
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await submitJson(form.key, { website: 'bot' }, { 'x-forwarded-for': ip });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(response.json().error.code).toBe('RATE_LIMITED');
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const otherForm = await submitJson(other.key, { website: 'bot' }, { 'x-forwarded-for': ip });
    expect(otherForm.statusCode).toBe(200);
    const otherIp = await submitJson(form.key, { website: 'bot' }, { 'x-forwarded-for': '192.0.2.78' });
    expect(otherIp.statusCode).toBe(200);
  });

  it('sends CORS headers only to the origins the form allows', async () => {
    const form = await createForm(contactForm({ allowedOrigins: ['https://www.acme.fr'] }));
    const preflight = (origin: string, key = form.key) =>
      test.app.inject({
        method: 'OPTIONS',
        url: `/f/${key}`,
        headers: { origin, 'access-control-request-method': 'POST', 'x-forwarded-for': nextIp() },
      });
    const allowed = await preflight('https://www.acme.fr');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.acme.fr');
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(allowed.headers['access-control-allow-headers']).toContain('Content-Type');
    expect(allowed.headers.vary).toContain('Origin');

    const denied = await preflight('https://evil.example');
    expect(denied.statusCode).toBe(204);
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expect(denied.headers['access-control-allow-methods']).toBeUndefined();

    const sameOriginOnly = await createForm(contactForm());
    const none = await preflight('https://www.acme.fr', sameOriginOnly.key);
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('https://www.acme.fr', 'frm_unknown')).statusCode).toBe(404);

    const post = await submitJson(
      form.key,
      { email: 'cors@example.org', rgpd: true },
      { origin: 'https://www.acme.fr' },
    );
    expect(post.statusCode).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe('https://www.acme.fr');
    // Errors carry the header too, so the page's script can read the error code.
    const error = await submitJson(form.key, { rgpd: true }, { origin: 'https://www.acme.fr' });
    expect(error.statusCode).toBe(400);
    expect(error.headers['access-control-allow-origin']).toBe('https://www.acme.fr');
    const foreign = await submitJson(
      form.key,
      { email: 'cors2@example.org', rgpd: true },
      { origin: 'https://evil.example' },
    );
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
