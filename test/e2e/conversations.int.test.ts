import { describe, expect, it } from 'vitest';
import { makeAvailableAllDay } from '../factories.ts';
import {
  hasChromium,
  keepScreenshot,
  newUserContext,
  seriousAccessibilityViolations,
  setUpBrowserSuite,
  signIn,
} from './browser.ts';

// The sandbox (a newcomer plays a lead until the agent offers a slot and books it) and the inbox (a person
// takes over and sees the lead's next message arrive live), in Chromium against the real server and workers.
const suite = setUpBrowserSuite('sandbox and inbox browser test', {
  workers: true,
  async prepare({ t, workspace }) {
    // The agent offers the owner's real free times: the admin who plays the lead owns it and is free all week.
    await makeAvailableAllDay(t, workspace, workspace.admin.userId!);
    const meetingType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meeting-types',
      headers: workspace.headers,
      payload: { name: 'Découverte', slug: 'decouverte', durationMinutes: 30, location: { kind: 'phone' } },
    });
    expect(meetingType.statusCode, meetingType.body).toBe(201);
  },
});

async function findLeadId(email: string): Promise<string> {
  const found = await suite.t.app.inject({
    method: 'GET',
    url: `/api/v1/leads?q=${encodeURIComponent(email)}`,
    headers: suite.workspace.headers,
  });
  const id = found.json().data[0]?.id as string | undefined;
  if (!id) throw new Error(`no lead with ${email}`);
  return id;
}

// Each agent reply comes through a job; on a loaded machine (CI running beside other work) one took 25 s.
const AGENT_REPLY_MS = 40_000;

describe.skipIf(!hasChromium)('sandbox and inbox', () => {
  it(
    'plays a lead in the sandbox until the agent offers slots, then books one',
    async () => {
      const context = await newUserContext(suite.browser);
      const page = await context.newPage();
      await signIn(page, suite.baseUrl, suite.workspace.adminEmail);
      await page.getByRole('link', { name: 'Sandbox' }).click();
      await page.getByLabel('First name').fill('James');
      await page.getByLabel('Company').fill('Acme');
      await page.getByLabel('E-mail').fill('james@acme-sandbox.test');
      await page.getByLabel('Language of the conversation').selectOption('en');
      await page
        .getByLabel('What do they need?')
        .fill('Hi, we need a tool to qualify inbound leads for our sales team of 8');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.getByTestId('sandbox-start').click();

      const messages = page.getByTestId('sandbox-message');
      const sendAsLead = async (text: string) => {
        const before = await messages.count();
        await page.getByTestId('sandbox-input').fill(text);
        await page.getByTestId('sandbox-send').click();
        // The lead's message, then at least one reply of the agent.
        await expect
          .poll(() => messages.count(), { timeout: AGENT_REPLY_MS })
          .toBeGreaterThanOrEqual(before + 2);
      };
      await expect.poll(() => messages.count(), { timeout: AGENT_REPLY_MS }).toBeGreaterThanOrEqual(2);
      await sendAsLead('ASAP');
      await sendAsLead('$25k');

      const options = page.getByTestId('sandbox-option');
      await options.first().waitFor({ timeout: AGENT_REPLY_MS });
      expect(await options.count()).toBeGreaterThanOrEqual(2);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await keepScreenshot(page, 'sandbox-slots');
      await options.first().click();
      await page.getByTestId('sandbox-booked').waitFor({ timeout: AGENT_REPLY_MS });
      await keepScreenshot(page, 'sandbox-booked');

      const leadId = await findLeadId('james@acme-sandbox.test');
      const bookings = await suite.t.app.inject({
        method: 'GET',
        url: `/api/v1/leads/${leadId}/bookings`,
        headers: suite.workspace.headers,
      });
      expect(bookings.json().data).toHaveLength(1);
      expect(bookings.json().data[0]).toMatchObject({
        status: 'confirmed',
        userId: suite.workspace.admin.userId,
      });
      await context.close();
    },
    5 * AGENT_REPLY_MS,
  );

  it('takes over a conversation in the inbox, replies, and sees the lead answer live', async () => {
    const captured = await suite.t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: suite.workspace.headers,
      payload: { firstName: 'Léa', lastName: 'Martin', email: 'lea.martin@inbox-live.test', language: 'fr' },
    });
    const leadId = captured.json().id as string;
    const opened = await suite.t.app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/leads/${leadId}/messages`,
      headers: suite.workspace.headers,
      payload: { text: 'Bonjour, je voudrais parler à quelqu’un de votre équipe commerciale' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const conversationId = opened.json().conversation.id as string;

    const context = await newUserContext(suite.browser, { locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page, suite.baseUrl, suite.workspace.adminEmail);
    await page.goto(`${suite.baseUrl}/inbox/${conversationId}`);
    const thread = page.getByTestId('conversation-thread');
    await thread.waitFor();
    expect(await page.getByTestId('reply-input').isDisabled()).toBe(true);
    await page.getByTestId('takeover-button').click();
    await expect.poll(() => page.getByTestId('reply-input').isDisabled()).toBe(false);
    await page.getByTestId('reply-input').fill('Bonjour Léa, je suis Camille, je vous appelle quand ?');
    await page.getByRole('button', { name: 'Envoyer' }).first().click();
    await thread.getByText('je vous appelle quand ?').waitFor();

    // The lead answers from their phone: the message arrives through the stream, without a reload.
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const answered = await suite.t.app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/leads/${leadId}/messages`,
      headers: suite.workspace.headers,
      payload: { text: 'Demain à 10 h, ça me va' },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    await thread.getByText('Demain à 10 h, ça me va').waitFor({ timeout: 10_000 });
    expect(navigations).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'inbox');
    await context.close();
  });
});
