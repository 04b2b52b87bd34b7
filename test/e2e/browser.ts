import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Clock, systemClock } from '../../src/platform/clock.ts';
import {
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestWorkspace,
  testDatabaseKind,
} from '../harness.ts';

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the real server and the
// built web app. Without Chromium they are skipped with this message printed.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export function warnIfNoChromium(suite: string): void {
  if (!hasChromium)
    console.warn(`${suite} skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** Listens on a free loopback port and answers the base URL. */
export async function listen(t: TestContext): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

/** What a browser suite's tests use; every field is filled by its beforeAll (never when Chromium is missing). */
export interface BrowserSuite {
  t: TestContext;
  workspace: TestWorkspace;
  browser: Browser;
  /** The listening server, e.g. `http://127.0.0.1:43210`. */
  baseUrl: string;
}

export interface BrowserSuiteOptions {
  /** Start the job workers (the agent's replies, bookings' e-mails…). */
  workers?: boolean;
  /** Serve the built web app (default); pages the server renders itself do not need it. */
  web?: boolean;
  /** Default: the system clock, since the browser's own clock runs in real time too. */
  clock?: Clock;
  /** Seeds the workspace (through `t.app.inject`…) once it exists, before the server listens. */
  prepare?(suite: Pick<BrowserSuite, 't' | 'workspace'>): Promise<void>;
}

/**
 * Registers the hooks every browser suite needs: a test context with one workspace, the server listening on
 * a free port and Chromium launched before the tests, everything closed after them. Call it at the top of
 * the test file; read the fields of the answered object inside the tests, not before they run.
 */
export function setUpBrowserSuite(name: string, options: BrowserSuiteOptions = {}): BrowserSuite {
  warnIfNoChromium(name);
  const suite = {} as Partial<BrowserSuite>;
  beforeAll(async () => {
    if (!hasChromium) return;
    suite.t = await createTestContext({
      clock: options.clock ?? systemClock,
      web: options.web ?? true,
      workers: options.workers ?? false,
    });
    suite.workspace = await suite.t.createWorkspace();
    await options.prepare?.({ t: suite.t, workspace: suite.workspace });
    suite.baseUrl = await listen(suite.t);
    suite.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
  });
  return suite as BrowserSuite;
}

/** A browser context in a given language and time zone, like a user's machine. */
export async function newUserContext(
  browser: Browser,
  options: { locale?: string; timezoneId?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/Paris',
    viewport: { width: 1360, height: 900 },
  });
}

/** Signs in through the login screen, like a person. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/password|mot de passe/i).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /log in|se connecter/i }).click();
  await page.getByRole('navigation').waitFor();
}

const SCREENSHOT_DIR = path.resolve('test-artifacts', 'screenshots', testDatabaseKind());

/** Keeps a screenshot of a screen as a test artefact (test-artifacts/ is not committed). */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // What a person sees without scrolling: the size the README's pictures use (docs/screenshots/).
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.viewport.png`) });
  return file;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the page and answers the serious and critical violations (WCAG 2.1 A/AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }
    ).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
