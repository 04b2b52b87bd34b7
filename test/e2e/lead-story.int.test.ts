import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../harness.ts';
import {
  hasChromium,
  keepScreenshot,
  launchBrowser,
  listen,
  newUserContext,
  seriousAccessibilityViolations,
  signIn,
  warnIfNoChromium,
} from './browser.ts';

// A marketer finds a lead in the list with its score, opens it and reads why it scored what it did.
warnIfNoChromium('leads list and lead story browser test');

let t: TestContext;
let workspace: TestWorkspace;
let browser: Browser;
let baseUrl: string;
let leadId: string;
let leadScore: number;

beforeAll(async () => {
  if (!hasChromium) return;
  t = await createTestContext({ clock: systemClock, web: true });
  workspace = await t.createWorkspace();
  const captured = await t.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: workspace.headers,
    payload: {
      email: 'camille.durand@exemple-industrie.fr',
      firstName: 'Camille',
      lastName: 'Durand',
      jobTitle: 'Directrice commerciale',
      company: { name: 'Exemple Industrie', size: '51-200' },
      source: 'webinar',
    },
  });
  expect(captured.statusCode, captured.body).toBeLessThan(300);
  leadId = captured.json().id;
  const events = await t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: workspace.headers,
    payload: {
      events: [
        { leadId, type: 'page_viewed', properties: { url: 'https://exemple.fr/tarifs' } },
        { leadId, type: 'content_downloaded', properties: { title: 'Livre blanc' } },
      ],
    },
  });
  expect(events.statusCode, events.body).toBe(200);
  const lead = await t.app.inject({
    method: 'GET',
    url: `/api/v1/leads/${leadId}`,
    headers: workspace.headers,
  });
  leadScore = lead.json().score;
  expect(leadScore).toBeGreaterThan(0);
  baseUrl = await listen(t);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.skipIf(!hasChromium)('leads list and lead story', () => {
  it('finds the lead by search with its score and opens the explanation of the score', async () => {
    const context = await newUserContext(browser);
    const page = await context.newPage();
    await signIn(page, baseUrl, workspace.adminEmail);
    await page.getByRole('link', { name: 'Leads' }).click();
    await page.getByTestId('leads-table').waitFor();
    await page
      .getByRole('searchbox')
      .or(page.getByLabel(/search/i))
      .first()
      .fill('camille.durand');
    const row = page.getByTestId('lead-row').filter({ hasText: 'Camille Durand' });
    await row.waitFor();
    expect(await page.getByTestId('lead-row').count()).toBe(1);
    expect(await row.textContent()).toContain(String(leadScore));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'leads-list');

    await row.getByRole('link', { name: /Camille Durand/ }).click();
    await page.waitForURL(new RegExp(`/leads/${leadId}$`));
    const explanation = page.getByTestId('score-explanation');
    await explanation.waitFor();
    await expect(explanation.textContent()).resolves.toMatch(/Viewed the pricing page/);
    await expect(explanation.textContent()).resolves.toMatch(/Downloaded a white paper/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'lead-story');
    await context.close();
  });
});
