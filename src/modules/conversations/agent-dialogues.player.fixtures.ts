/**
 * Plays the scripted dialogues of agent-dialogues.fixtures.ts against a running app (sandbox
 * endpoint, or the stored-media path for media turns) and reads back what the agent stored.
 */
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import type { TestContext, TestWorkspace } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait-for.ts';
import type { Database } from '../../platform/db/database.ts';
import { runAgentTurn } from '../../workflows/agent-turn.workflow.ts';
import { type Timeline, timelineMonths } from '../qualification/index.ts';
import { initialAgentState } from './agent/index.ts';
import type {
  Dialogue,
  DialogueExpectation,
  DialogueLanguage,
  DialogueTone,
  DialogueTurn,
  MediaTurn,
  TimelineExpectation,
} from './agent-dialogues.fixtures.ts';
import { openConversation, recordInboundMessage } from './conversations.service.ts';
import { toMessageDto } from './inbox.service.ts';

export interface Reply {
  body: string | null;
  choices?: { id: string; title: string }[];
}
export interface ConversationView {
  id: string;
  needsHuman: boolean;
  handoffReason: string | null;
  verdict: string | null;
  phase: string | null;
  language: DialogueLanguage;
  status: string;
}
export interface Played {
  conversation: ConversationView;
  message: { id: string };
  replies: Reply[];
}
export interface DialogueSession {
  t: TestContext;
  workspace: TestWorkspace;
  /** The rep who owns the dialogue leads (their calendar gives the slots). */
  ownerId?: string;
}
type BantRead = Record<string, { value: unknown; confidence: number } | null>;

const ZONE = 'Europe/Paris';
const FOLLOW_UP_JOB = 'conversations.follow-up-silence';
const word = (words: string) => new RegExp(`(?<!\\p{L})(?:${words})(?!\\p{L})`, 'iu');
// Words that give away the other language, or the other French tone, in an agent reply.
const NOT_ENGLISH = word('vous|votre|le|la|les|est|pour|nous|je|une|merci|bonjour');
const NOT_FRENCH = word('the|you|your|thanks|please|which|would');
const NOT_TU = word('vous|votre|vos');
export const NOT_VOUS = new RegExp(`${word('tu|toi|ton|ta|tes|te').source}|(?<!\\p{L})t['’](?=\\p{L})`, 'iu');

export async function call<T>(
  { t, workspace }: DialogueSession,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
): Promise<T> {
  const response = await t.app.inject({
    method,
    url,
    headers: workspace.headers,
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response.json() as T;
}

export async function leadTemperature(session: DialogueSession, leadId: string): Promise<string> {
  return (await call<{ temperature: string }>(session, 'GET', `/api/v1/leads/${leadId}`)).temperature;
}

/** A fresh lead; an engaged one viewed the pricing page and downloaded a white paper (warm by score). */
export async function createDialogueLead(session: DialogueSession, dialogue: Dialogue, index: number) {
  const { firstName, language, engaged } = dialogue.lead;
  const email = `dialogue-${index}-${firstName.normalize('NFD').replace(/[^a-z]/gi, '')}@example.com`;
  const payload = { firstName, email, ...(language ? { language } : {}) };
  const { id } = await call<{ id: string }>(session, 'POST', '/api/v1/leads', payload);
  if (session.ownerId)
    await call(session, 'PUT', `/api/v1/leads/${id}/owner`, {
      ownerId: session.ownerId,
      reason: 'dialogue rep',
    });
  if (engaged) {
    await call(session, 'POST', '/api/v1/events', {
      events: [
        { leadId: id, type: 'page_viewed', properties: { url: 'https://solvo.example/tarifs' } },
        { leadId: id, type: 'content_downloaded', properties: { title: 'Livre blanc' } },
      ],
    });
    const isWarm = async () => (await leadTemperature(session, id)) === 'warm';
    await waitFor(isWarm, 10_000, 'an engaged lead to be warm');
  }
  return id;
}

/** `{slot2.weekday}` / `{slot2.time}` read from the offered slots, as a lead would type them. */
function fillSlots(text: string, offered: readonly string[], language: DialogueLanguage): string {
  return text.replace(/\{slot(\d)\.(weekday|time)\}/g, (_, index: string, part: string) => {
    const iso = offered[Number(index) - 1];
    if (!iso) throw new Error(`"${text}" names slot ${index}, but only ${offered.length} were offered`);
    const at = DateTime.fromISO(iso).setZone(ZONE).setLocale(language);
    if (part === 'weekday') return at.toFormat('cccc');
    if (language === 'fr') return at.toFormat(at.minute ? "H'h'mm" : "H'h'");
    return at.toFormat(at.minute ? 'h:mma' : 'ha').toLowerCase();
  });
}

/** The sandbox endpoint takes text or a choice: media is stored as the WhatsApp webhook stores it. */
async function playMedia(
  session: DialogueSession,
  leadId: string,
  language: DialogueLanguage,
  turn: MediaTurn,
) {
  const { t, workspace } = session;
  const now = t.clock.now();
  const message = await t.ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const conversation = await openConversation(tx, {
      workspaceId: workspace.workspaceId,
      leadId,
      channel: 'sandbox',
      contactAddress: leadId,
      language,
      agentState: initialAgentState(language) as unknown as Record<string, unknown>,
      now,
    });
    const mimeType = { image: 'image/jpeg', document: 'application/pdf', audio: 'audio/ogg' }[turn.media];
    const media = {
      id: `media-${now.getTime()}`,
      mimeType,
      ...(turn.caption ? { caption: turn.caption } : {}),
    };
    const recorded = await recordInboundMessage(tx, {
      conversation,
      kind: 'media',
      body: turn.caption ?? null,
      payload: { mediaType: turn.media, media },
      providerMessageId: null,
      sentAt: now,
      now,
    });
    return recorded.message;
  });
  const outcome = await runAgentTurn(t.ctx, message.id);
  const url = `/api/v1/conversations/${message.conversationId}`;
  const { conversation } = await call<{ conversation: ConversationView }>(session, 'GET', url);
  return { conversation, message, replies: outcome.replies.map(toMessageDto) };
}

/** A tap on a slot button, or text naming an offered slot: meaningless until slots were offered. */
export function needsSlots(turn: DialogueTurn): boolean {
  if ('media' in turn) return false;
  if ('choose' in turn && /^(first|second|third)-slot$/.test(turn.choose)) return true;
  return ('say' in turn ? turn.say : turn.choose).includes('{slot');
}

/** Plays one turn; `said` is what the lead sent, for the transcript. */
export async function playTurn(
  session: DialogueSession,
  leadId: string,
  language: DialogueLanguage,
  turn: DialogueTurn,
  offered: readonly string[],
): Promise<{ played: Played; said: string }> {
  if ('media' in turn)
    return {
      played: await playMedia(session, leadId, language, turn),
      said: `[${turn.media}] ${turn.caption ?? ''}`,
    };
  const url = `/api/v1/sandbox/leads/${leadId}/messages`;
  const tapped = 'choose' in turn ? ['first-slot', 'second-slot', 'third-slot'].indexOf(turn.choose) : -1;
  if ('choose' in turn && tapped >= 0) {
    const iso = offered[tapped];
    if (!iso) throw new Error(`"${turn.choose}" tapped, but ${offered.length} slots were offered`);
    const played = await call<Played>(session, 'POST', url, { choiceId: `slot:${iso}` });
    return { played, said: `[tap] slot:${iso}` };
  }
  const text = fillSlots('say' in turn ? turn.say : turn.choose, offered, language);
  return { played: await call<Played>(session, 'POST', url, { text }), said: text };
}

export function replyText(reply: Reply): string {
  return [reply.body ?? '', ...(reply.choices ?? []).map((choice) => choice.title)].join('\n');
}

/** Every reply in the expected language; French ones in the workspace's tone (soft: the dialogue goes on). */
export function checkWording(
  tone: DialogueTone,
  turnNumber: number,
  language: DialogueLanguage,
  replies: Reply[],
) {
  for (const reply of replies) {
    const text = replyText(reply);
    const where = `turn ${turnNumber} reply "${text}"`;
    if (language === 'en') expect.soft(text, `${where} should be English`).not.toMatch(NOT_ENGLISH);
    else {
      expect.soft(text, `${where} should be French`).not.toMatch(NOT_FRENCH);
      expect.soft(text, `${where} should say "${tone}"`).not.toMatch(tone === 'tu' ? NOT_TU : NOT_VOUS);
    }
  }
}

/** One exchange, for the failure message: the engineer sees the whole dialogue. */
export function describeTurn(said: string, result: Played, temperature: string): string {
  const { phase, verdict, needsHuman, handoffReason } = result.conversation;
  const answer = result.replies.map(replyText).join(' | ') || '(no reply)';
  const flags = `phase ${phase}, verdict ${verdict}, temperature ${temperature}, needsHuman ${needsHuman} ${handoffReason ?? ''}`;
  return `  lead: ${said}\n  agent: ${answer}\n    [${flags}]`;
}

export async function readBant(session: DialogueSession, leadId: string): Promise<BantRead> {
  return (await call<{ current: BantRead }>(session, 'GET', `/api/v1/leads/${leadId}/bant`)).current;
}

function horizonOf(months: number): string {
  return months < 1 ? 'lt_1m' : months < 3 ? '1_3m' : months < 6 ? '3_6m' : 'gt_6m';
}

function checkTimeline(stored: Timeline | undefined, expected: TimelineExpectation, nowMs: number) {
  if (expected === 'absent') return expect.soft(stored, 'timeline').toBeUndefined();
  expect.soft(stored, 'timeline').toBeDefined();
  if (expected === 'present' || !stored) return;
  const months = timelineMonths(stored, nowMs);
  const label = `timeline ${JSON.stringify(stored)}`;
  expect.soft(months, label).not.toBeNull();
  const bucket = stored.kind === 'horizon' ? stored.horizon : horizonOf(months!);
  if (expected.horizon) expect.soft(bucket, label).toBe(expected.horizon);
  if (expected.minMonths !== undefined) expect.soft(months, label).toBeGreaterThanOrEqual(expected.minMonths);
  if (expected.maxMonths !== undefined) expect.soft(months, label).toBeLessThanOrEqual(expected.maxMonths);
}

export function checkBant(current: BantRead, expected: DialogueExpectation['bant'], nowMs: number) {
  if (!expected) return;
  const value = (field: string) => current[field]?.value;
  const { budget, authority, need, timeline } = expected;
  if (budget === 'absent') expect.soft(value('budget'), 'budget').toBeUndefined();
  else if (budget === 'present') expect.soft(value('budget'), 'budget').toBeDefined();
  else if (budget === 'none') expect.soft(value('budget'), 'budget').toEqual({ kind: 'none' });
  else if (budget) expect.soft(value('budget'), 'budget').toEqual(budget);
  if (authority === 'absent') expect.soft(value('authority'), 'authority').toBeUndefined();
  else if (authority === 'present') expect.soft(value('authority'), 'authority').toBeDefined();
  else if (authority) expect.soft(value('authority'), 'authority').toBe(authority);
  if (need)
    expect
      .soft(value('need') !== undefined, `need ${need}: ${JSON.stringify(value('need'))}`)
      .toBe(need === 'present');
  if (timeline) checkTimeline(value('timeline') as Timeline | undefined, timeline, nowMs);
}

/** The planned silence follow-ups of a conversation, the latest plan first. */
export async function followUpJobs(t: TestContext, conversationId: string) {
  return t.ctx.handle.query<{
    data: { workspaceId: string; conversationId: string; activitySequence: number; attempt: number };
  }>(
    `SELECT data FROM pgboss.job WHERE name = $1 AND data->>'conversationId' = $2
     ORDER BY (data->>'activitySequence')::int DESC`,
    [FOLLOW_UP_JOB, conversationId],
  );
}

export async function conversationRow(t: TestContext, conversationId: string) {
  const [row] = await t.ctx.handle.query<{
    activity_sequence: number;
    agent_state: { chosenSlot?: string | null };
  }>('SELECT activity_sequence, agent_state FROM conversations WHERE id = $1', [conversationId]);
  return row!;
}

/** The conversation's messages once nothing is left queued. */
export async function settledMessages(session: DialogueSession, conversationId: string) {
  type Detail = { messages: { id: string; direction: string; status: string; body: string | null }[] };
  const read = () => call<Detail>(session, 'GET', `/api/v1/conversations/${conversationId}`);
  const isSettled = async () => !(await read()).messages.some((message) => message.status === 'queued');
  await waitFor(isSettled, 10_000, 'queued messages to settle');
  return (await read()).messages;
}
