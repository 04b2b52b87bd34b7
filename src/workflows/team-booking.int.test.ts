import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { ManualClock } from '../platform/clock.ts';
import { type RoutedBookingSetup, setUpRoutedBooking } from './routed-booking.fixtures.ts';

// `/book/team/:teamSlug`: details first, routing within the team, then the chosen rep's page.
let t: TestContext;
let setup: RoutedBookingSetup;
const clock = new ManualClock('2026-11-23T07:00:00Z'); // Monday 08:00 in Paris
const api: RoutedBookingSetup['api'] = (...args) => setup.api(...args);
const leadByEmail = (email: string) => setup.leadByEmail(email);

beforeAll(async () => {
  t = await createTestContext({
    clock,
    env: { CHAUD_PUBLIC_URL: 'https://chaud.test', CHAUD_SECRET: 'team-page-secret-0123456789' },
  });
  setup = await setUpRoutedBooking(t, await t.createWorkspace(), 'tp');
});

afterAll(async () => {
  await t?.close();
});

describe('team booking page', () => {
  async function visit(details: Record<string, string>) {
    return t.app.inject({
      method: 'POST',
      url: '/book/team/tp-ventes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ lang: 'fr', tz: 'Europe/Paris', ...details }).toString(),
    });
  }

  it('asks the visitor’s details, in their language', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/book/team/tp-ventes?lang=en' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Book a meeting with the Ventes team');
    expect(page.body).toContain('name="email"');
    const missing = await t.app.inject({ method: 'GET', url: '/book/team/nobody-here' });
    expect(missing.statusCode).toBe(404);
  });

  it('keeps what was typed when a detail is missing', async () => {
    const response = await visit({ firstName: 'Jade', email: 'jade@x.fr' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="jade@x.fr"');
  });

  it('shares visitors by round-robin and sends each to the chosen rep’s page, details known', async () => {
    const owners: string[] = [];
    for (const [index, email] of ['a@one.fr', 'b@two.fr'].entries()) {
      const response = await visit({ firstName: `Visitor${index}`, email, consent: 'yes' });
      expect(response.statusCode, response.body).toBe(303);
      const location = new URL(response.headers.location as string, 'https://chaud.test');
      const lead = await leadByEmail(email);
      owners.push(lead.ownerId!);
      expect(location.pathname).toBe(lead.ownerId === setup.anaId ? '/book/tp-ana' : '/book/tp-bob');
      const [assignment] = (await api('GET', `/api/v1/leads/${lead.id}/routing`)).json().data;
      expect(assignment.trace.rule).toMatchObject({ id: 'team_page', name: 'Booking page of team Ventes' });
      const page = await t.app.inject({ method: 'GET', url: `${location.pathname}${location.search}` });
      expect(page.body).toContain(`Rendez-vous pour Visitor${index}`);
    }
    expect(new Set(owners)).toEqual(new Set([setup.anaId, setup.bobId]));
  });

  it('sends a visitor whose company is already owned to that owner', async () => {
    await api('POST', '/api/v1/leads', { firstName: 'Old', email: 'old@fidele.fr' });
    const old = await leadByEmail('old@fidele.fr');
    expect(
      (await api('PUT', `/api/v1/leads/${old.id}/owner`, { ownerId: setup.bobId, reason: 'Account owner' }))
        .statusCode,
    ).toBe(200);
    const response = await visit({ firstName: 'New', email: 'new@fidele.fr', consent: 'yes' });
    expect(response.statusCode).toBe(303);
    expect(new URL(response.headers.location as string, 'https://x').pathname).toBe('/book/tp-bob');
  });

  it('asks the details again on a rep page whose lead link is forged', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/book/tp-ana?lead=forged.token' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="email"');
    expect(page.body).not.toContain('Rendez-vous pour');
  });
});
