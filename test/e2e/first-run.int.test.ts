import type { Browser, Page } from 'playwright-core';
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

// A newcomer's first run: the empty dashboard offers demo data, one click loads it, and then every main
// screen has something to show. Each screen is checked with axe-core and kept as a screenshot artefact.
warnIfNoChromium('first run and main screens browser test');

let t: TestContext;
let workspace: TestWorkspace;
let browser: Browser;
let baseUrl: string;
let page: Page;

beforeAll(async () => {
  if (!hasChromium) return;
  t = await createTestContext({ clock: systemClock, web: true });
  workspace = await t.createWorkspace();
  baseUrl = await listen(t);
  browser = await launchBrowser();
  const context = await newUserContext(browser);
  page = await context.newPage();
  await signIn(page, baseUrl, workspace.adminEmail);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function expectAccessible(name: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  await keepScreenshot(page, name);
}

describe.skipIf(!hasChromium)('first run', () => {
  it('offers demo data on the empty dashboard and loads it in one click', async () => {
    await page.goto(`${baseUrl}/dashboard`);
    await page.getByTestId('dashboard-empty').waitFor();
    await expectAccessible('dashboard-empty');
    await page.getByTestId('dashboard-demo-link').click();
    await page.waitForURL(/\/settings\/demo$/);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('confirm-demo').click();
    await page.getByText('Demo data is loaded.').waitFor({ timeout: 60_000 });
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/demo', headers: workspace.headers });
    expect(status.json().isLoaded).toBe(true);
    expect(status.json().counts.leads).toBeGreaterThanOrEqual(100);
  });

  it('shows the dashboard with figures and charts', async () => {
    await page.goto(`${baseUrl}/dashboard`);
    await page.getByTestId('dashboard-funnel').waitFor();
    const leadsTile = await page.getByTestId('kpi-leads').textContent();
    expect(Number((leadsTile ?? '').replace(/\D/g, ''))).toBeGreaterThan(0);
    // recharts draws SVG once it has data and a size.
    await expect.poll(() => page.locator('figure svg.recharts-surface').count()).toBeGreaterThanOrEqual(4);
    await expectAccessible('dashboard');
  });

  it('lists demo leads marked as demo, and tells a demo lead’s story', async () => {
    await page.goto(`${baseUrl}/leads?sort=-score`);
    await page.getByTestId('lead-row').first().waitFor();
    expect(await page.getByTestId('lead-row').count()).toBeGreaterThanOrEqual(20);
    expect(await page.getByTestId('lead-row').first().getByText('Demo').count()).toBe(1);
    await expectAccessible('leads-list-demo');

    const withConversation = await t.ctx.handle.query<{ lead_id: string }>(
      `SELECT c.lead_id FROM conversations c JOIN leads l ON l.id = c.lead_id
       WHERE c.workspace_id = $1 ORDER BY l.score DESC, c.lead_id LIMIT 1`,
      [workspace.workspaceId],
    );
    await page.goto(`${baseUrl}/leads/${withConversation[0]!.lead_id}`);
    await page.getByTestId('score-explanation').waitFor();
    await page.getByTestId('timeline').waitFor();
    await expectAccessible('lead-story-demo');
  });

  it('shows the pipeline by stage and every settings section', async () => {
    await page.goto(`${baseUrl}/pipeline`);
    await page.getByTestId('pipeline-card').first().waitFor();
    expect(
      await page.getByTestId('pipeline-column-mql').getByTestId('pipeline-card').count(),
    ).toBeGreaterThan(0);
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
      await page.goto(`${baseUrl}/settings/${section}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(`settings-${section}`);
    }
  });
});
