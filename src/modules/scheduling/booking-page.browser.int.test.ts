import { describe, expect, it } from 'vitest';
import { hasChromium, setUpBrowserSuite } from '../../../test/e2e/browser.ts';
import { makeAvailableAllDay } from '../../../test/factories.ts';

// The booking page in a real headless Chromium (Debian's, never a downloaded one): a lead picks a
// time, gives their details and books, without any script on the page.
const suite = setUpBrowserSuite('booking page browser test', {
  workers: true,
  // The server renders the booking page itself: no web app needed.
  web: false,
  async prepare({ t, workspace }) {
    const rep = await t.createMember(workspace, 'sales_rep', 'page-rep@chaud.test');
    await t.ctx.handle.query(
      "UPDATE users SET slug = 'camille-page', name = 'Camille Martin' WHERE id = $1",
      [rep.userId],
    );
    // Every day 00:00–24:00: the test books whatever the time it runs at.
    await makeAvailableAllDay(t, workspace, rep.userId);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/meeting-types',
      headers: workspace.headers,
      payload: { name: 'Découverte', slug: 'decouverte', durationMinutes: 30, location: { kind: 'phone' } },
    });
  },
});

describe('booking page', () => {
  it.skipIf(!hasChromium)('books a meeting from a phone-sized browser, in French', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    await page.goto(`${suite.baseUrl}/book/camille-page?lang=fr&tz=Europe/Paris`);
    expect(await page.textContent('h1')).toBe('Prendre rendez-vous avec Camille Martin');
    const slot = page.locator('input[name="start"]').first();
    const start = await slot.getAttribute('value');
    await slot.check();
    await page.fill('input[name="firstName"]', 'Lina');
    await page.fill('input[name="email"]', 'lina@client.fr');
    await page.check('input[name="consent"]');
    await Promise.all([page.waitForURL(/\/book\/camille-page$/), page.click('button:has-text("Réserver")')]);
    expect(await page.textContent('h1')).toBe('Rendez-vous confirmé');
    const rows = await suite.t.ctx.handle.query<{ start_at: Date; source: string }>(
      "SELECT b.start_at, b.source FROM bookings b JOIN leads l ON l.id = b.lead_id WHERE l.email = 'lina@client.fr'",
    );
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.start_at).toISOString()).toBe(start);
    expect(rows[0]!.source).toBe('booking_page');

    // The same time again, from another browser: taken, said plainly, nothing booked twice.
    const other = await suite.browser.newPage({ locale: 'fr-FR' });
    await other.goto(`${suite.baseUrl}/book/camille-page?lang=fr`);
    await other.evaluate((value) => {
      const input = document.querySelector('input[name="start"]') as HTMLInputElement;
      input.value = value ?? '';
      input.checked = true;
    }, start);
    await other.fill('input[name="firstName"]', 'Marc');
    await other.fill('input[name="email"]', 'marc@client.fr');
    await other.check('input[name="consent"]');
    await Promise.all([
      other.waitForURL(/\/book\/camille-page$/),
      other.click('button:has-text("Réserver")'),
    ]);
    expect(await other.textContent('[role="alert"]')).toContain('vient d’être pris');
  });
});
