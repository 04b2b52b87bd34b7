import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  keepScreenshot,
  newUserContext,
  seriousAccessibilityViolations,
  setUpBrowserSuite,
  signIn,
} from './browser.ts';

// A newcomer's first run: the empty dashboard offers demo data, one click loads it, and then every main
// screen has something to show. Each screen is checked with axe-core and kept as a screenshot artefact.
const suite = setUpBrowserSuite('first run and main screens browser test');
let page: Page;

// One signed-in page for the whole story: each test goes on from where the previous one left off.
beforeAll(async () => {
  if (!hasChromium) return;
  const context = await newUserContext(suite.browser);
  page = await context.newPage();
  await signIn(page, suite.baseUrl, suite.workspace.adminEmail);
}, 120_000);

async function expectAccessible(name: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  await keepScreenshot(page, name);
}

describe.skipIf(!hasChromium)('first run', () => {
  it('offers demo data on the empty dashboard and loads it in one click', async () => {
    await page.goto(`${suite.baseUrl}/dashboard`);
    await page.getByTestId('dashboard-empty').waitFor();
    await expectAccessible('dashboard-empty');
    await page.getByTestId('dashboard-demo-link').click();
    await page.waitForURL(/\/settings\/demo$/);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('confirm-demo').click();
    await page.getByText('Demo data is loaded.').waitFor({ timeout: 60_000 });
    const status = await suite.t.app.inject({
      method: 'GET',
      url: '/api/v1/demo',
      headers: suite.workspace.headers,
    });
    expect(status.json().isLoaded).toBe(true);
    expect(status.json().counts.leads).toBeGreaterThanOrEqual(100);
  });

  it('shows the dashboard with figures and charts', async () => {
    await page.goto(`${suite.baseUrl}/dashboard`);
    await page.getByTestId('dashboard-funnel').waitFor();
    const leadsTile = await page.getByTestId('kpi-leads').textContent();
    expect(Number((leadsTile ?? '').replace(/\D/g, ''))).toBeGreaterThan(0);
    // recharts draws SVG once it has data and a size.
    await expect.poll(() => page.locator('figure svg.recharts-surface').count()).toBeGreaterThanOrEqual(4);
    await expectAccessible('dashboard');
  });

  it('lists demo leads marked as demo, and tells a demo lead’s story', async () => {
    await page.goto(`${suite.baseUrl}/leads?sort=-score`);
    await page.getByTestId('lead-row').first().waitFor();
    expect(await page.getByTestId('lead-row').count()).toBeGreaterThanOrEqual(20);
    expect(await page.getByTestId('lead-row').first().getByText('Demo').count()).toBe(1);
    await expectAccessible('leads-list-demo');

    const withConversation = await suite.t.ctx.handle.query<{ lead_id: string }>(
      `SELECT c.lead_id FROM conversations c JOIN leads l ON l.id = c.lead_id
       WHERE c.workspace_id = $1 ORDER BY l.score DESC, c.lead_id LIMIT 1`,
      [suite.workspace.workspaceId],
    );
    await page.goto(`${suite.baseUrl}/leads/${withConversation[0]!.lead_id}`);
    await page.getByTestId('score-explanation').waitFor();
    await page.getByTestId('timeline').waitFor();
    await expectAccessible('lead-story-demo');
  });

  it('shows the pipeline by stage and every settings section', async () => {
    await page.goto(`${suite.baseUrl}/pipeline`);
    await page.getByTestId('pipeline-card').first().waitFor();
    // Each column loads on its own: wait for the MQL one rather than reading it once.
    await expect
      .poll(() => page.getByTestId('pipeline-column-mql').getByTestId('pipeline-card').count())
      .toBeGreaterThan(0);
    await expectAccessible('pipeline');

    for (const section of [
      'scoring',
      'qualification',
      'agent',
      'channels',
      'sequences',
      'routing',
      'scheduling',
      'users',
    ]) {
      await page.goto(`${suite.baseUrl}/settings/${section}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(`settings-${section}`);
    }
  });
});
