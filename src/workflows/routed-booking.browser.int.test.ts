import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, setUpBrowserSuite } from '../../test/e2e/browser.ts';
import { makeAvailableAllDay } from '../../test/factories.ts';
import { type RoutedBookingSetup, setUpRoutedBooking } from './routed-booking.fixtures.ts';

// Team pages and routing forms in a real headless Chromium (Debian's): from the first page the
// visitor sees to a confirmed meeting with the rep routing chose, without a script on Chaud's pages.
let setup: RoutedBookingSetup;
let site: Server;
let siteUrl: string;
let formKey: string;

const suite = setUpBrowserSuite('routed booking browser test', {
  web: false,
  async prepare({ t, workspace }) {
    setup = await setUpRoutedBooking(t, workspace, 'br');
    // Every day 00:00–24:00: the test books whatever the time it runs at.
    for (const id of [setup.anaId, setup.bobId]) await makeAvailableAllDay(t, workspace, id);
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Acme</title></head>
<body><h1>Parler à un expert</h1>
<script src="${suite.baseUrl}/widget.js" data-form="${formKey}" data-lang="fr" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const form = await setup.api('POST', '/api/v1/forms', {
      name: 'Parler à un expert',
      allowedOrigins: [siteUrl],
      fields: [
        { name: 'email', type: 'email', label: 'E-mail', required: true, mapTo: 'email' },
        { name: 'prenom', label: 'Prénom', mapTo: 'firstName' },
        { name: 'segment', label: 'Vous êtes', type: 'select', options: ['enterprise', 'smb', 'student'] },
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
        ],
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    formKey = form.json().key;
  },
});

beforeAll(() => {
  // Booking links are absolute, on the public URL: here, where the test server listens.
  if (hasChromium) suite.t.ctx.config.publicUrl = suite.baseUrl;
});

afterAll(async () => {
  await new Promise((resolve) => site?.close(resolve));
});

async function bookingsOf(email: string) {
  return suite.t.ctx.handle.query<{ user_id: string; start_at: Date }>(
    'SELECT b.user_id, b.start_at FROM bookings b JOIN leads l ON l.id = b.lead_id WHERE l.email = $1',
    [email],
  );
}

describe('team booking page', () => {
  it.skipIf(!hasChromium)('routes the visitor to a rep of the team, who books without retyping', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    await page.goto(`${suite.baseUrl}/book/team/br-ventes?lang=en&tz=Europe/London`);
    expect(await page.textContent('h1')).toBe('Book a meeting with the Ventes team');
    await page.getByLabel('First name').fill('Lea');
    await page.getByLabel('E-mail').fill('lea@client.co.uk');
    await page.getByLabel('I agree to be contacted about this meeting.').check();
    await Promise.all([
      page.waitForURL(/\/book\/br-(ana|bob)\?/),
      page.getByRole('button', { name: 'See the times' }).click(),
    ]);
    expect(await page.textContent('h1')).toMatch(/^Book a meeting with (Ana Lopez|Bob Martin)$/);
    expect(await page.textContent('body')).toContain('Booking for Lea');
    expect(await page.locator('input[name="email"]').count()).toBe(0);
    const slot = page.locator('input[name="start"]').first();
    const start = await slot.getAttribute('value');
    await slot.check();
    await page.getByRole('button', { name: 'Book' }).click();
    await page.getByRole('heading', { name: 'Meeting confirmed' }).waitFor();
    const rows = await bookingsOf('lea@client.co.uk');
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.start_at).toISOString()).toBe(start);
    expect(page.url()).toContain(rows[0]!.user_id === setup.anaId ? '/book/br-ana' : '/book/br-bob');
  });
});

describe('routing form in the widget', () => {
  it.skipIf(!hasChromium)('sends the visitor from the customer’s site to the chosen rep’s page', async () => {
    const page = await suite.browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${siteUrl}/`);
    const widget = page.locator(`[data-chaud-form="${formKey}"]`);
    await widget.getByRole('button', { name: 'Envoyer' }).waitFor();
    await widget.getByRole('textbox', { name: 'E-mail' }).fill('dsi@grandcompte.fr');
    await widget.getByRole('textbox', { name: 'Prénom' }).fill('Zoé');
    await widget.getByRole('combobox', { name: 'Vous êtes' }).selectOption('enterprise');
    await Promise.all([
      page.waitForURL(`${suite.baseUrl}/book/br-ana?**`),
      widget.getByRole('button', { name: 'Envoyer' }).click(),
    ]);
    expect(await page.textContent('body')).toContain('Rendez-vous pour Zoé');
    await page.locator('input[name="start"]').first().check();
    await page.getByRole('button', { name: 'Réserver' }).click();
    await page.getByRole('heading', { name: 'Rendez-vous confirmé' }).waitFor();
    expect((await bookingsOf('dsi@grandcompte.fr')).map((row) => row.user_id)).toEqual([setup.anaId]);
  });

  it.skipIf(!hasChromium)('shows the ending’s message in place of the form', async () => {
    const page = await suite.browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${siteUrl}/`);
    const widget = page.locator(`[data-chaud-form="${formKey}"]`);
    await widget.getByRole('textbox', { name: 'E-mail' }).fill('leo@etudiant.fr');
    await widget.getByRole('combobox', { name: 'Vous êtes' }).selectOption('student');
    await widget.getByRole('button', { name: 'Envoyer' }).click();
    await expect
      .poll(() => widget.getByRole('status').textContent())
      .toBe('Notre offre est réservée aux entreprises.');
    expect(page.url()).toBe(`${siteUrl}/`);
  });
});
