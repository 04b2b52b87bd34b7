/** Messages the agent sends on its own: the first contact, silence follow-ups, and small notices. */
import type {
  AgentChannel,
  AgentLanguage,
  AgentLead,
  AgentReply,
  AgentSettings,
  AgentState,
  HandoffReason,
} from './agent.types.ts';
import { describeSource, type PhraseContext } from './agent-phrases.shared.ts';
import { phrasesFor } from './agent-phrases.ts';
import { cleanFirstName, finishText } from './agent-reply.rules.ts';

export interface FirstContactInput {
  settings: AgentSettings;
  lead: AgentLead;
  language: AgentLanguage;
  channel: AgentChannel;
  /** Where the lead came from (form, ad, WhatsApp click): "Merci pour votre demande sur notre site". */
  source: string | null;
}

export interface FirstContact {
  text: string;
  /** For the WhatsApp first-contact template: [first name or a fallback, company name]. */
  templateParameters: string[];
  /** For e-mail. */
  subject: string;
}

function contextOf(settings: AgentSettings, lead: AgentLead, variant: number): PhraseContext {
  return { tone: settings.tone, style: settings.style, firstName: cleanFirstName(lead.firstName), variant };
}

/**
 * The speed-to-lead opener: who writes, why (the lead's request), and the first question (the
 * need). The only message that carries the signature. Record it with `recordFirstContact`.
 */
export function composeFirstContact(input: FirstContactInput): FirstContact {
  const { settings, lead, language } = input;
  const phrases = phrasesFor(language);
  const ctx = contextOf(settings, lead, 0);
  const body = phrases.firstContact(
    {
      agentName: settings.agentName,
      companyName: settings.companyName,
      source: describeSource(input.source, language),
      question: phrases.question('need', 1, { ...ctx, firstName: null }),
    },
    ctx,
  );
  // E-mail reads better with the question in its own paragraph.
  const laidOut = input.channel === 'email' ? body.replace(/! (?=\S)/, '!\n\n') : body;
  const signature = settings.signature?.trim();
  const text = signature ? `${laidOut}\n\n${signature}` : laidOut;
  return {
    text: finishText(text, language),
    templateParameters: [ctx.firstName ?? phrases.nameFallback, settings.companyName],
    subject: finishText(phrases.firstContactSubject(settings.companyName, ctx), language),
  };
}

/** The state once the first contact went out: its question (the need) waits for an answer. */
export function recordFirstContact(state: AgentState): AgentState {
  return {
    ...state,
    expectedSlot: 'need',
    askedCount: { ...state.askedCount, need: Math.max(1, state.askedCount.need) },
  };
}

export interface FollowUpInput {
  state: AgentState;
  settings: AgentSettings;
  lead: AgentLead;
  language: AgentLanguage;
  /** 2 is the last one, lighter, and says so. */
  attempt: 1 | 2;
}

/** A nudge to a silent lead, asking again what the agent waits for (a question or a slot choice). */
export function composeFollowUp(input: FollowUpInput): AgentReply {
  const { state, settings, lead, language, attempt } = input;
  const phrases = phrasesFor(language);
  const ctx = contextOf(settings, lead, state.turns + attempt);
  const plain = { ...ctx, firstName: null };
  const question =
    state.phase === 'offered_slots'
      ? phrases.slotReminder(plain)
      : phrases.reminderQuestion(state.expectedSlot, plain);
  // The question follows a colon: "Petite relance : quel est votre besoin principal ?".
  const afterColon = question.charAt(0).toLocaleLowerCase(language) + question.slice(1);
  return { kind: 'text', text: finishText(phrases.followUp(attempt, afterColon, ctx), language) };
}

/** The state once a follow-up went out. */
export function recordFollowUp(state: AgentState): AgentState {
  return { ...state, followUpsSent: state.followUpsSent + 1 };
}

/** "A person will answer shortly", for a handoff decided outside the dialogue (say, from the inbox). */
export function composeHandoffNotice(input: {
  settings: AgentSettings;
  language: AgentLanguage;
  reason: HandoffReason | string;
}): AgentReply {
  const ctx = contextOf(input.settings, { firstName: null }, 0);
  const text = phrasesFor(input.language).handoff(input.reason, ctx);
  return { kind: 'text', text: finishText(text, input.language) };
}

/** The one message an opt-out gets; nothing may follow it. */
export function composeOptOutConfirmation(
  language: AgentLanguage,
  tone: AgentSettings['tone'],
  style: AgentSettings['style'] = 'formal',
): AgentReply {
  const text = phrasesFor(language).optOut({ tone, style, firstName: null, variant: 0 });
  return { kind: 'text', text: finishText(text, language) };
}
