/** What the agent can say, per language: each phrase is a function of tone, style and the lead's name. */
import type { Authority, BantField, Budget, Need, Timeline } from '../../qualification/index.ts';
import type { AgentLanguage, HandoffReason } from './agent.types.ts';

export interface PhraseContext {
  tone: 'tu' | 'vous';
  style: 'formal' | 'casual';
  firstName: string | null;
  /** Picks among variants; derived from the turn number so the same turn always reads the same. */
  variant: number;
}

export interface DateContext {
  now: Date;
  timezone: string;
}

export interface AgentPhrases {
  hello(ctx: PhraseContext): string;
  introduce(agentName: string, companyName: string, ctx: PhraseContext): string;
  /** `attempt` 2 is the rephrased question, asked when the first one got no usable answer. */
  question(field: BantField, attempt: 1 | 2, ctx: PhraseContext): string;
  /** Shorter question for silence follow-ups; null field: the lead has not been asked anything yet. */
  reminderQuestion(field: BantField | null, ctx: PhraseContext): string;
  noted(items: readonly string[], ctx: PhraseContext): string;
  thanksForDetails(ctx: PhraseContext): string;
  notUnderstood(ctx: PhraseContext): string;
  budgetItem(budget: Budget): string;
  timelineItem(timeline: Timeline, dates: DateContext): string;
  authorityItem(authority: Authority, ctx: PhraseContext): string | null;
  needItem(need: Need): string | null;
  offerSlots(zone: string, ctx: PhraseContext): string;
  slotConfirmed(slot: string, ctx: PhraseContext): string;
  slotReminder(ctx: PhraseContext): string;
  /** The lead named a time that is not among the offered slots. */
  slotNotFound(ctx: PhraseContext): string;
  salesWillCall(ctx: PhraseContext): string;
  scheduleByHand(ctx: PhraseContext): string;
  afterBooking(slot: string, ctx: PhraseContext): string;
  warmClose(offer: { title: string; url: string } | null, ctx: PhraseContext): string;
  coldClose(ctx: PhraseContext): string;
  notInterestedClose(ctx: PhraseContext): string;
  laterAck(ctx: PhraseContext): string;
  nurtureAck(ctx: PhraseContext): string;
  handoff(reason: HandoffReason | string, ctx: PhraseContext): string;
  optOut(ctx: PhraseContext): string;
  firstContact(
    parts: { agentName: string; companyName: string; source: string | null; question: string },
    ctx: PhraseContext,
  ): string;
  firstContactSubject(companyName: string, ctx: PhraseContext): string;
  followUp(attempt: 1 | 2, question: string, ctx: PhraseContext): string;
  /** Stands in for a missing first name in a WhatsApp template ("Bonjour à vous", "Hi there"). */
  nameFallback: string;
}

/** One of several wordings, chosen by the context's variant so a given turn is reproducible. */
export function pickVariant<T>(variants: readonly [T, ...T[]], variant: number): T {
  return variants[Math.abs(Math.trunc(variant)) % variants.length]!;
}

/** Where the lead's request came from, in words ("sur notre site"), or '' when the source says nothing useful. */
export function describeSource(source: string | null, language: AgentLanguage): string {
  const value = (source ?? '').toLowerCase();
  const words: [RegExp, string, string][] = [
    [/whatsapp|ctwa/, ' sur WhatsApp', ' on WhatsApp'],
    [/facebook|\bmeta\b|\bfb\b/, ' via Facebook', ' via Facebook'],
    [/instagram/, ' via Instagram', ' via Instagram'],
    [/linkedin/, ' via LinkedIn', ' via LinkedIn'],
    [/e-?mail|newsletter/, ' par e-mail', ' by email'],
    [/web|site|form|landing|page/, ' sur notre site', ' on our website'],
  ];
  const match = words.find(([pattern]) => pattern.test(value));
  if (!match) return '';
  return language === 'fr' ? match[1] : match[2];
}
