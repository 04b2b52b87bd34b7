import { describe, expect, it } from 'vitest';
import {
  hasChromium,
  keepScreenshot,
  newUserContext,
  seriousAccessibilityViolations,
  setUpBrowserSuite,
  signIn,
} from './browser.ts';

// Signing in and the language switch, in a real Chromium against the real server and built app.
const suite = setUpBrowserSuite('web app shell browser test');

describe.skipIf(!hasChromium)('web app shell', () => {
  it('refuses a wrong password with a message, then signs in and lands on the dashboard', async () => {
    const context = await newUserContext(suite.browser);
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}/leads`);
    await page.getByLabel(/e-mail/i).fill(suite.workspace.adminEmail);
    await page.getByLabel(/password/i).fill('not the password');
    await page.getByRole('button', { name: /log in/i }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/wrong e-mail or password/i);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'login');

    await signIn(page, suite.baseUrl, suite.workspace.adminEmail);
    await page.waitForURL(/\/dashboard$/);
    expect(await page.getByRole('link', { name: 'Leads' }).count()).toBe(1);
    await context.close();
  });

  it('follows the browser language, switches from the header and remembers the choice', async () => {
    const context = await newUserContext(suite.browser, { locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}/login`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Connexion à Chaud');
    await signIn(page, suite.baseUrl, suite.workspace.adminEmail);
    await page.getByRole('link', { name: 'Tableau de bord' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('link', { name: 'Tableau de bord' }).count()).toBe(0);
    await context.close();
  });

  it('serves hashed assets cached for a year and the app page never cached', async () => {
    const page = await fetch(`${suite.baseUrl}/leads`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${suite.baseUrl}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${suite.baseUrl}/.chaud-build-hash`)).status).toBe(404);
  });
});
