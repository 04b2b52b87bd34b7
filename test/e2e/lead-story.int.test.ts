import { describe, expect, it } from 'vitest';
import {
  hasChromium,
  keepScreenshot,
  newUserContext,
  seriousAccessibilityViolations,
  setUpBrowserSuite,
  signIn,
} from './browser.ts';

// A marketer finds a lead in the list with its score, opens it and reads why it scored what it did.
let leadId: string;
let leadScore: number;

const suite = setUpBrowserSuite('leads list and lead story browser test', {
  async prepare({ t, workspace }) {
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
  },
});

describe.skipIf(!hasChromium)('leads list and lead story', () => {
  it('finds the lead by search with its score and opens the explanation of the score', async () => {
    const context = await newUserContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.baseUrl, suite.workspace.adminEmail);
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
    // The section shows while its score still loads: wait for the rules, not just the section.
    await expect.poll(() => explanation.textContent()).toMatch(/Viewed the pricing page/);
    await expect(explanation.textContent()).resolves.toMatch(/Downloaded a white paper/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'lead-story');
    await context.close();
  });
});
