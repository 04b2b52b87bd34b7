import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../test/harness.ts';
import { ManualClock } from '../platform/clock.ts';
import { type RoutedBookingSetup, setUpRoutedBooking } from './routed-booking.fixtures.ts';

// A routing form: answers routed by the workspace's rules, ending on the rep's booking page or a message.
let t: TestContext;
let workspace: TestWorkspace;
let setup: RoutedBookingSetup;
let formKey: string;
const clock = new ManualClock('2026-11-23T07:00:00Z'); // Monday 08:00 in Paris
const api: RoutedBookingSetup['api'] = (...args) => setup.api(...args);
const leadByEmail = (email: string) => setup.leadByEmail(email);

function submit(answers: Record<string, string>, query = '', language = 'fr') {
  return t.app.inject({
    method: 'POST',
    url: `/f/${formKey}${query}`,
    headers: { 'content-type': 'application/json', 'accept-language': language },
    payload: answers,
  });
}

beforeAll(async () => {
  t = await createTestContext({
    clock,
    env: { CHAUD_PUBLIC_URL: 'https://chaud.test', CHAUD_SECRET: 'routing-form-secret-0123456789' },
  });
  workspace = await t.createWorkspace();
  setup = await setUpRoutedBooking(t, workspace, 'rf');
  const form = await api('POST', '/api/v1/forms', {
    name: 'Parler à un expert',
    fields: [
      { name: 'email', type: 'email', required: true, mapTo: 'email' },
      { name: 'prenom', mapTo: 'firstName' },
      { name: 'segment', type: 'select', options: ['enterprise', 'smb', 'student'] },
      { name: 'budget', type: 'select', options: ['none', 'some'] },
    ],
    routing: {
      meetingType: 'decouverte',
      endings: [
        {
          name: 'Students',
          when: { field: 'form.segment', op: 'eq', value: 'student' },
          outcome: 'disqualified',
          message: 'Notre offre est réservée aux entreprises.',
        },
        {
          name: 'No budget yet',
          when: { field: 'form.budget', op: 'eq', value: 'none' },
          outcome: 'not_now',
        },
      ],
    },
  });
  expect(form.statusCode, form.body).toBe(201);
  formKey = form.json().key;
});

afterAll(async () => {
  await t?.close();
});

describe('routing form definition', () => {
  it('refuses an ending that tests a field the form does not have, naming the path', async () => {
    const response = await api('POST', '/api/v1/forms', {
      name: 'Typo',
      fields: [{ name: 'email', type: 'email', mapTo: 'email' }],
      routing: {
        endings: [{ name: 'x', when: { field: 'form.segmnt', op: 'eq', value: 'a' }, outcome: 'not_now' }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('routing.endings[0].when');
    expect(response.body).toContain('form.segmnt is not a field of this form');
  });
});

describe('routing form submission', () => {
  it('routes by the answers to the rep of the matching rule and books for the lead on their page', async () => {
    const response = await submit(
      { email: 'zoe@grandcompte.fr', prenom: 'Zoé', segment: 'enterprise', budget: 'some' },
      '?utm_source=linkedin&utm_campaign=abm',
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.outcome).toBe('booking');
    const url = new URL(body.bookingUrl);
    expect(`${url.origin}${url.pathname}`).toBe('https://chaud.test/book/rf-ana');
    expect(url.searchParams.get('type')).toBe('decouverte');

    const lead = await leadByEmail('zoe@grandcompte.fr');
    expect(lead.ownerId).toBe(setup.anaId);
    expect(lead.attributes).toMatchObject({ form_segment: 'enterprise', form_budget: 'some' });
    expect(lead.lastTouch?.utm).toMatchObject({ source: 'linkedin', campaign: 'abm' });
    const [assignment] = (await api('GET', `/api/v1/leads/${lead.id}/routing`)).json().data;
    expect(assignment.trace.rule.name).toBe('Enterprise');
    expect(assignment.trace.evaluatedRules[0].explanation).toContain('form.segment');

    // The page knows the lead: no details asked, the booking is theirs.
    const page = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rendez-vous pour Zoé');
    expect(page.body).not.toContain('name="email"');
    const start = /name="start" value="([^"]+)"/.exec(page.body)![1]!;
    const booked = await t.app.inject({
      method: 'POST',
      url: url.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        start,
        lead: url.searchParams.get('lead')!,
        type: 'decouverte',
      }).toString(),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const bookings = (await api('GET', `/api/v1/leads/${lead.id}/bookings`)).json().data;
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ userId: setup.anaId, start: new Date(start).toISOString() });
  });

  it('redirects a browser form post (303) to the booking page of the team member routing chose', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/f/${formKey}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'email=paul%40pme.fr&prenom=Paul&segment=smb&budget=some',
    });
    expect(response.statusCode).toBe(303);
    const location = new URL(response.headers.location as string);
    const lead = await leadByEmail('paul@pme.fr');
    expect([setup.anaId, setup.bobId]).toContain(lead.ownerId);
    expect(location.pathname).toBe(lead.ownerId === setup.anaId ? '/book/rf-ana' : '/book/rf-bob');
  });

  it('ends on the disqualifying message, closes the lead and routes nobody', async () => {
    const response = await submit(
      { email: 'leo@etudiant.fr', segment: 'student', budget: 'none' },
      '?utm_source=google',
    );
    expect(response.json()).toMatchObject({
      outcome: 'disqualified',
      message: 'Notre offre est réservée aux entreprises.',
    });
    expect(response.json().bookingUrl).toBeUndefined();
    const lead = await leadByEmail('leo@etudiant.fr');
    expect(lead.stage).toBe('disqualified');
    expect(lead.ownerId).toBeNull();
    expect(lead.attributes).toMatchObject({ form_segment: 'student' });
    expect(lead.lastTouch?.utm).toMatchObject({ source: 'google' });
    expect((await api('GET', `/api/v1/leads/${lead.id}/routing`)).json().data).toEqual([]);
  });

  it('ends on the default "not now" message in the visitor’s language, the lead kept as it was', async () => {
    const response = await submit({ email: 'ines@later.fr', segment: 'smb', budget: 'none' }, '', 'en-GB');
    expect(response.json()).toMatchObject({
      outcome: 'not_now',
      message: 'Thank you for your answers. We will be in touch at the right time.',
    });
    const lead = await leadByEmail('ines@later.fr');
    expect(lead.stage).toBe('lead');
    expect(lead.attributes).toMatchObject({ form_budget: 'none' });
  });
});

describe('answers routed on other paths', () => {
  it('routes a plain form’s new lead by its answers too (form.<field> rules)', async () => {
    const plain = await api('POST', '/api/v1/forms', {
      name: 'Contact',
      fields: [
        { name: 'email', type: 'email', mapTo: 'email' },
        { name: 'segment', type: 'select', options: ['enterprise', 'smb'] },
      ],
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/f/${plain.json().key}`,
      payload: { email: 'dsi@groupe.fr', segment: 'enterprise' },
    });
    expect(response.json()).toEqual({ ok: true, message: expect.any(String) });
    const lead = await leadByEmail('dsi@groupe.fr');
    expect(lead.ownerId).toBe(setup.anaId);
    const [assignment] = (await api('GET', `/api/v1/leads/${lead.id}/routing`)).json().data;
    expect(assignment.trace.rule.name).toBe('Enterprise');
  });

  it('ends on the no-owner message where nobody routes leads', async () => {
    const other = await t.createWorkspace();
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: other.headers,
      payload: {
        name: 'Demo',
        fields: [{ name: 'email', type: 'email', mapTo: 'email' }],
        routing: { noOwnerMessage: 'On vous rappelle.' },
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const response = await t.app.inject({
      method: 'POST',
      url: `/f/${form.json().key}`,
      payload: { email: 'seul@nowhere.fr' },
    });
    expect(response.json()).toMatchObject({ outcome: 'no_owner', message: 'On vous rappelle.' });
  });
});
