import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { hasChromium, setUpBrowserSuite } from '../../../test/e2e/browser.ts';
import { ManualClock } from '../../platform/clock.ts';
import { getConsentHistory } from '../privacy/index.ts';
import { CONSENT_TEXT, contactForm, formsClient } from './forms.fixtures.ts';

// The widget in a real headless Chromium (Debian's, never a downloaded one), embedded in a page served by
// a second server on another port: another origin, as on a customer's site.
let client: ReturnType<typeof formsClient>;
let site: Server;
let siteUrl: string;
let frenchKey: string;
let frenchFormId: string;
let englishKey: string;
const THANK_YOU = 'Merci ! Un conseiller vous répond sous 24 h.';

const suite = setUpBrowserSuite('form widget browser test', {
  // The widget and the form endpoint are the server's own: no web app. The clock stands still, as in the
  // other capture tests.
  web: false,
  clock: new ManualClock(new Date()),
  async prepare({ t, workspace }) {
    client = formsClient(t, workspace, '198.18.9');
    site = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://site').pathname;
      const html =
        path === '/landing'
          ? landingPage()
          : '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title></head>' +
            '<body><a href="/landing?utm_source=newsletter&utm_campaign=printemps&utm_medium=email&offre=pro">Contact</a></body></html>';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    const french = await client.createForm(
      contactForm({
        allowedOrigins: [siteUrl],
        successMessage: THANK_YOU,
        fields: [
          { name: 'email', type: 'email', label: 'E-mail professionnel', required: true, mapTo: 'email' },
          { name: 'prenom', label: 'Prénom', mapTo: 'firstName' },
          { name: 'budget', label: 'Budget', type: 'select', options: ['<10k', '10-50k', '>50k'] },
          { name: 'message', label: 'Votre message', type: 'textarea' },
          { name: 'rgpd', type: 'checkbox' },
          // Filled from the host page's query string.
          { name: 'offre', type: 'hidden' },
        ],
      }),
    );
    frenchKey = french.key;
    frenchFormId = french.id;
    englishKey = (await client.createForm(contactForm({ allowedOrigins: [siteUrl] }))).key;
  },
});

afterAll(async () => {
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
});

// The host page styles plain elements harshly: the widget's shadow root must keep its form visible.
const landingPage = () => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Acme — Contact</title>
<style>form,label,button{display:none !important}</style></head>
<body><h1>Contactez Acme</h1>
<script src="${suite.baseUrl}/widget.js" data-form="${frenchKey}" data-lang="fr" async></script>
<p>Vous préférez l’anglais ?</p>
<div id="english-form"></div>
<script src="${suite.baseUrl}/widget.js" data-form="${englishKey}" data-target="#english-form" data-lang="en" async></script>
</body></html>`;

describe('embeddable form widget', () => {
  it.skipIf(!hasChromium)(
    'renders on another site, checks answers, shows server errors and captures the lead with UTM and consent',
    async () => {
      const page = await suite.browser.newPage({ locale: 'fr-FR' });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${siteUrl}/`);
      await Promise.all([page.waitForURL(/\/landing\?/), page.click('a')]);

      const widget = page.locator(`[data-chaud-form="${frenchKey}"]`);
      const send = widget.getByRole('button', { name: 'Envoyer' });
      await send.waitFor();
      // The consent box is labelled with the very text the ledger will record.
      const consent = widget.getByRole('checkbox', { name: CONSENT_TEXT });
      expect(await consent.isVisible()).toBe(true);

      // Nothing filled: the browser says what is missing, field by field, and sends nothing.
      await send.click();
      const email = widget.getByRole('textbox', { name: 'E-mail professionnel' });
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await widget.locator('#chaud-email-error').textContent()).toBe('Ce champ est obligatoire.');
      expect(await widget.locator('#chaud-rgpd-error').textContent()).toBe(
        'Veuillez cocher cette case pour continuer.',
      );
      expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe(
        'chaud-email',
      );

      // A message longer than the server takes: its error comes back under that very field.
      await email.fill('Lou.Bernard@Client.fr');
      await widget.getByRole('textbox', { name: 'Prénom' }).fill('Lou');
      await widget.getByRole('combobox', { name: 'Budget' }).selectOption('10-50k');
      const message = widget.getByRole('textbox', { name: 'Votre message' });
      await message.fill('x'.repeat(2100));
      // Keyboard only: Space ticks the focused consent box.
      await consent.focus();
      await page.keyboard.press('Space');
      expect(await consent.isChecked()).toBe(true);
      await send.click();
      await widget.getByText('at most 2000 characters').waitFor();
      expect(await message.getAttribute('aria-invalid')).toBe('true');
      expect(await widget.getByRole('alert').textContent()).toBe('Veuillez corriger les champs signalés.');

      await message.fill('Un devis pour 40 commerciaux, svp.');
      await message.press('Tab');
      expect(await message.getAttribute('aria-invalid')).toBeNull();
      // Hold the answer back a moment: the button stays disabled while the submission is on its way.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(`${suite.baseUrl}/f/${frenchKey}`, async (route) => {
        if (route.request().method() === 'POST') await held;
        await route.continue();
      });
      await send.click();
      await widget.getByRole('button', { name: 'Envoi en cours…' }).waitFor();
      expect(await widget.getByRole('button', { name: 'Envoi en cours…' }).isDisabled()).toBe(true);
      release();
      await widget.getByRole('status').filter({ hasText: THANK_YOU }).waitFor();

      const [lead] = await client.findLeadByEmail('lou.bernard@client.fr');
      expect(lead).toBeDefined();
      const full = await suite.t.app.inject({
        method: 'GET',
        url: `/api/v1/leads/${lead!.id}`,
        headers: suite.workspace.headers,
      });
      expect(full.json()).toMatchObject({
        firstName: 'Lou',
        attributes: {
          form_budget: '10-50k',
          form_message: 'Un devis pour 40 commerciaux, svp.',
          form_offre: 'pro',
        },
        firstTouch: {
          utm: { source: 'newsletter', campaign: 'printemps', medium: 'email' },
          referrer: `${siteUrl}/`,
        },
      });
      const history = await getConsentHistory(suite.t.ctx.db, suite.workspace.workspaceId, lead!.id);
      expect(history).toEqual([
        expect.objectContaining({
          purpose: 'sales_contact',
          channel: 'email',
          granted: true,
          method: 'form',
          formId: frenchFormId,
          text: CONSENT_TEXT,
        }),
      ]);
      expect(pageErrors).toEqual([]);
    },
  );

  it.skipIf(!hasChromium)(
    'renders a second widget in English and stores nothing when a bot fills the honeypot',
    async () => {
      const page = await suite.browser.newPage({ locale: 'fr-FR' });
      await page.goto(`${siteUrl}/landing`);
      const widget = page.locator('#english-form');
      const send = widget.getByRole('button', { name: 'Send' });
      await send.waitFor();
      // Both forms stand on the page, each in its own language.
      await page
        .locator(`[data-chaud-form="${frenchKey}"]`)
        .getByRole('button', { name: 'Envoyer' })
        .waitFor();
      // The honeypot is out of sight and out of the accessibility tree, yet a bot filling every input finds it.
      expect(await widget.getByRole('textbox', { name: /leave this field empty/i }).count()).toBe(0);
      await widget.locator('input[name="website"]').fill('https://spam.example', { force: true });
      await widget.getByRole('textbox', { name: 'Email' }).fill('bot@spam.example');
      await widget.getByRole('checkbox', { name: CONSENT_TEXT }).check();
      await send.click();
      // The bot is thanked exactly like a person…
      await widget
        .getByRole('status')
        .filter({ hasText: 'Thank you, we have received your request.' })
        .waitFor();
      // …and nothing is stored.
      expect(await client.findLeadByEmail('bot@spam.example')).toEqual([]);
    },
  );
});
