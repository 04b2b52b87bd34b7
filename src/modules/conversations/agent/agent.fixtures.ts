/**
 * Test helpers: a conversation driven with real NLU understandings, with the caller's jobs done
 * simply (recording BANT updates, a temperature from budget and timeline).
 */
import { CONFIRMED_CONFIDENCE, timelineMonths } from '../../qualification/index.ts';
import { type MessageUnderstanding, understandMessage } from '../nlu/understand-message.ts';
import {
  type AgentDecision,
  type AgentLanguage,
  type AgentSettings,
  type AgentState,
  DEFAULT_AGENT_SETTINGS,
  type KnownBant,
  type Temperature,
  type TurnInterpretation,
} from './agent.types.ts';
import { interpretTurn } from './agent-interpret.rules.ts';
import { composeReply } from './agent-policy.rules.ts';
import { initialAgentState } from './agent-state.rules.ts';

export const TEST_NOW = new Date('2026-11-24T09:00:00Z');
export const TEST_TIMEZONE = 'Europe/Paris';

/** Tuesday 1, Wednesday 2 and Thursday 3 December 2026, 10:00 / 14:30 / 09:00 in Paris. */
export const TEST_SLOTS = [
  new Date('2026-12-01T09:00:00Z'),
  new Date('2026-12-02T13:30:00Z'),
  new Date('2026-12-03T08:00:00Z'),
];

export interface TestConversation {
  state: AgentState;
  known: KnownBant;
  settings: AgentSettings;
  firstName: string | null;
  slots: Date[];
  /** Forces the temperature; otherwise it follows `simulateTemperature`. */
  temperature: Temperature | null;
}

export function startConversation(
  overrides: Partial<Omit<TestConversation, 'state'>> & { language?: AgentLanguage; state?: AgentState } = {},
): TestConversation {
  return {
    state: overrides.state ?? initialAgentState(overrides.language ?? 'fr'),
    known: overrides.known ?? {},
    settings: overrides.settings ?? DEFAULT_AGENT_SETTINGS,
    firstName: overrides.firstName === undefined ? 'Marie' : overrides.firstName,
    slots: overrides.slots ?? TEST_SLOTS,
    temperature: overrides.temperature ?? null,
  };
}

/** What production computes from the score: here hot = confirmed budget and a decision within 3 months. */
export function simulateTemperature(known: KnownBant, now: Date): Temperature {
  const budget = known.budget;
  const hasBudget = !!budget && budget.confidence >= CONFIRMED_CONFIDENCE && budget.value.kind !== 'none';
  const months =
    known.timeline && known.timeline.confidence >= CONFIRMED_CONFIDENCE
      ? timelineMonths(known.timeline.value, now.getTime())
      : null;
  if (hasBudget && months !== null && months < 3) return 'hot';
  if (known.need || (months !== null && months <= 6)) return 'warm';
  return 'cold';
}

export interface TurnResult {
  interpretation: TurnInterpretation;
  decision: AgentDecision;
  /** Every reply's text, choices included as "1. title" lines. */
  text: string;
}

/** One lead message through NLU (or `options.reading`), interpretation, recording and reply; the conversation moves on. */
export async function leadSays(
  conversation: TestConversation,
  message: string | null,
  options: { choiceId?: string; temperature?: Temperature; reading?: Partial<MessageUnderstanding> } = {},
): Promise<TurnResult> {
  // A hand-made reading when given: the policy under test, not the classifier of the day.
  const understanding = options.reading
    ? understood({ language: conversation.state.language, ...options.reading })
    : await understandMessage(message, {
        language: conversation.state.language,
        now: TEST_NOW,
        timezone: TEST_TIMEZONE,
        expectedSlot: conversation.state.expectedSlot,
      });
  const interpretation = interpretTurn({
    state: conversation.state,
    understanding,
    text: message,
    known: conversation.known,
    choiceId: options.choiceId ?? null,
    settings: conversation.settings,
    timezone: TEST_TIMEZONE,
  });
  const known: KnownBant = { ...conversation.known };
  for (const update of interpretation.bantUpdates) {
    Object.assign(known, { [update.field]: { value: update.value, confidence: update.confidence } });
  }
  conversation.known = known;
  const decision = composeReply({
    interpretation,
    state: interpretation.state,
    known,
    temperature: options.temperature ?? conversation.temperature ?? simulateTemperature(known, TEST_NOW),
    slots: conversation.slots,
    settings: conversation.settings,
    lead: { firstName: conversation.firstName },
    timezone: TEST_TIMEZONE,
    now: TEST_NOW,
  });
  conversation.state = decision.state;
  return { interpretation, decision, text: repliesText(decision) };
}

export function repliesText(decision: AgentDecision): string {
  return decision.replies
    .map((reply) =>
      reply.kind === 'text'
        ? reply.text
        : [reply.text, ...reply.choices.map((choice, index) => `${index + 1}. ${choice.title}`)].join('\n'),
    )
    .join('\n');
}

/**
 * A hand-made NLU result: what the policy does with a given reading, whatever the classifier of
 * the day says about the words (a neutral, confident message in `language` with no slot by default).
 */
export function understood(overrides: Partial<MessageUnderstanding> = {}): MessageUnderstanding {
  return {
    language: 'fr',
    languageConfidence: 1,
    isLanguageSwitch: false,
    intent: 'inform',
    confidence: 0.9,
    isOptOut: false,
    isHandoffRequest: false,
    evidence: null,
    sentiment: { polarity: 'neutral', score: 0, evidence: [] },
    slots: {},
    ...overrides,
  };
}
