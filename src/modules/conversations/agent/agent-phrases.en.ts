/**
 * English wording. English has no tu/vous: the style carries the register instead ("Could you…",
 * "Thank you" when formal; "Any deadline in mind?", "Thanks" when casual).
 */
import type { BantField } from '../../qualification/index.ts';
import { formatDeadline, formatMoney, joinList } from './agent-format.ts';
import { type AgentPhrases, type PhraseContext, pickVariant } from './agent-phrases.shared.ts';

const byStyle = (ctx: PhraseContext, casual: string, formal: string): string =>
  ctx.style === 'casual' ? casual : formal;
/** " Marie" or '' : for "Thanks Marie!". */
const name = (ctx: PhraseContext): string => (ctx.firstName ? ` ${ctx.firstName}` : '');
/** ", Marie" or '' : for "Thank you for your answers, Marie!". */
const commaName = (ctx: PhraseContext): string => (ctx.firstName ? `, ${ctx.firstName}` : '');

type Questions = Record<BantField, { first: [string, ...string[]]; again: string }>;

const QUESTIONS_FORMAL: Questions = {
  need: {
    first: [
      'To point you in the right direction, what is your main need at the moment?',
      'To start with, what project or need brings you here?',
    ],
    again: 'Just to be sure I understand: what problem would you like to solve first?',
  },
  timeline: {
    first: [
      'When would you like to have a solution in place?',
      'Do you have a deadline in mind for this project?',
    ],
    again: 'Would that be within the month, by the end of the quarter, or later?',
  },
  budget: {
    first: [
      'Do you already have a budget in mind for this project?',
      'Has a budget been set aside for this project?',
    ],
    again: 'What budget range are you considering? A rough range is fine.',
  },
  authority: {
    first: [
      'Are you the person who makes the decision on this project?',
      'Will you be the one making the decision on this project?',
    ],
    again: 'So that I speak to the right person: is the final decision yours?',
  },
};

const QUESTIONS_CASUAL: Questions = {
  need: {
    first: [
      'So I can point you the right way, what are you looking for right now?',
      'To kick things off, what brings you here?',
    ],
    again: "Just so I get it right: what's the main problem you want to solve?",
  },
  timeline: {
    first: ['When would you like to get this up and running?', 'Any deadline in mind for this?'],
    again: 'Are we talking this month, end of the quarter, or later?',
  },
  budget: {
    first: ['Do you have a budget in mind for this?', 'Is there a budget set aside for this yet?'],
    again: 'Roughly what budget are you thinking of? A ballpark is fine.',
  },
  authority: {
    first: ['Are you the one making the call on this?', 'Is the final call yours on this one?'],
    again: 'Just checking: is the final call yours?',
  },
};

const REMINDERS: Record<BantField, { casual: string; formal: string }> = {
  need: { casual: 'What are you looking for?', formal: 'What is your main need?' },
  timeline: {
    casual: 'When would you like to get started?',
    formal: 'What would be the ideal deadline for this project?',
  },
  budget: { casual: 'Do you have a budget in mind?', formal: 'Do you have a budget in mind?' },
  authority: {
    casual: 'Are you the one making the call?',
    formal: 'Are you the person who makes the decision?',
  },
};

const HORIZONS = {
  lt_1m: 'a start within the month',
  '1_3m': 'a start within 1 to 3 months',
  '3_6m': 'a start in 3 to 6 months',
  gt_6m: 'a start in more than 6 months',
  unknown: 'no date set yet',
} as const;

export const PHRASES_EN: AgentPhrases = {
  hello: (ctx) =>
    ctx.firstName ? `${byStyle(ctx, 'Hi', 'Hello')}${name(ctx)}!` : byStyle(ctx, 'Hi there!', 'Hello!'),
  introduce: (agentName, companyName) => `I'm ${agentName}, ${companyName}'s virtual assistant.`,
  question: (field, attempt, ctx) => {
    const questions = (ctx.style === 'casual' ? QUESTIONS_CASUAL : QUESTIONS_FORMAL)[field];
    return attempt === 2 ? questions.again : pickVariant(questions.first, ctx.variant);
  },
  reminderQuestion: (field, ctx) => {
    if (field === null)
      return byStyle(
        ctx,
        'Did you get a chance to see my message?',
        'Did you get a chance to read my message?',
      );
    return REMINDERS[field][ctx.style];
  },
  noted: (items, ctx) => {
    const opening = byStyle(
      ctx,
      pickVariant(['Got it:', 'Great, noted:'], ctx.variant),
      pickVariant(['Noted:', "Thank you, I've noted"], ctx.variant),
    );
    return `${opening} ${joinList(items, 'en')}.`;
  },
  thanksForDetails: (ctx) => byStyle(ctx, "Thanks, that's clear!", 'Thank you for the details.'),
  notUnderstood: (ctx) =>
    byStyle(ctx, "Sorry, I didn't quite get that.", "Sorry, I didn't quite understand your message."),
  budgetItem: (budget) => {
    if (budget.kind === 'none') return 'no budget set yet';
    if (budget.kind === 'amount')
      return `a budget of around ${formatMoney(budget.amount, budget.currency, 'en')}`;
    return `a budget between ${formatMoney(budget.min, budget.currency, 'en')} and ${formatMoney(budget.max, budget.currency, 'en')}`;
  },
  timelineItem: (timeline, dates) => {
    if (timeline.kind === 'horizon') return HORIZONS[timeline.horizon];
    return `a start by ${formatDeadline(timeline.date, 'en', dates.now, dates.timezone)}`;
  },
  authorityItem: (authority) => {
    if (authority === 'decision_maker') return 'you make the decision';
    if (authority === 'influencer') return 'the decision involves other people';
    if (authority === 'user') return "you'll use the solution day to day";
    return null;
  },
  needItem: (need) => (need.category ? `a need around "${need.category}"` : null),
  offerSlots: (zone, ctx) =>
    byStyle(
      ctx,
      `Best next step: a quick call with an advisor. Which time works for you (${zone} time)?`,
      `The best next step is a short call with an advisor. Which of these times suits you (${zone} time)?`,
    ),
  slotConfirmed: (slot, ctx) =>
    byStyle(
      ctx,
      `Great, you're booked for ${slot}. A confirmation is on its way. Talk soon!`,
      `Perfect, you're booked for ${slot}. You'll receive a confirmation shortly. Speak soon!`,
    ),
  slotReminder: (ctx) =>
    byStyle(
      ctx,
      'Does one of those times work for you? If not, just say so and an advisor will find another.',
      'Does one of the suggested times suit you? If not, just let me know and an advisor will suggest another.',
    ),
  slotNotFound: (ctx) =>
    byStyle(
      ctx,
      "Hmm, that time isn't one of the ones I suggested.",
      "That time isn't one of the suggested slots.",
    ),
  salesWillCall: (ctx) =>
    byStyle(
      ctx,
      `Thanks${name(ctx)}! An advisor will get in touch very soon to talk it through.`,
      `Thank you${name(ctx)}! An advisor will contact you very shortly to discuss it in person.`,
    ),
  scheduleByHand: (ctx) =>
    byStyle(
      ctx,
      'No worries: an advisor will reach out soon to find a time that works for you.',
      'No problem: an advisor will contact you shortly to find a time that suits you.',
    ),
  afterBooking: (slot) => `Thank you! Your slot is booked: ${slot}. Speak soon!`,
  warmClose: (offer, ctx) => {
    const thanks = byStyle(
      ctx,
      `Thanks for your answers${name(ctx)}!`,
      `Thank you for your answers${commaName(ctx)}!`,
    );
    const content = offer
      ? byStyle(
          ctx,
          ` Meanwhile, this might help: "${offer.title}"\n${offer.url}\n`,
          ` In the meantime, this might interest you: "${offer.title}"\n${offer.url}\n`,
        )
      : '';
    const stay = byStyle(
      ctx,
      " Let's keep in touch, just write here if you have any questions.",
      " Let's stay in touch: feel free to write here if you have any questions.",
    );
    return `${thanks}${content}${stay}`;
  },
  coldClose: (ctx) =>
    byStyle(
      ctx,
      `Thanks for your answers${name(ctx)}! I'll pass them on to the team. Just write here if you need anything.`,
      `Thank you for your answers${commaName(ctx)}. I'll pass them on to the team, and I remain available here if you need anything.`,
    ),
  notInterestedClose: (ctx) =>
    byStyle(
      ctx,
      `Thanks for letting me know${name(ctx)}! I won't chase you. If anything changes, just reply here. All the best!`,
      `Thank you for letting me know${commaName(ctx)}. I won't follow up. If your needs change, just reply to this message. All the best!`,
    ),
  laterAck: (ctx) =>
    byStyle(
      ctx,
      "No worries, maybe it's not the right moment. I'll check back a bit later; meanwhile, just reply here if you need anything.",
      "No problem, I understand the timing isn't right. I'll get back to you a bit later; in the meantime, just reply here if you need anything.",
    ),
  nurtureAck: (ctx) =>
    byStyle(
      ctx,
      'Thanks for your message! Just write here if you have any questions.',
      'Thank you for your message! I remain available here if you have any questions.',
    ),
  handoff: (reason, ctx) => {
    if (reason === 'negative_sentiment')
      return byStyle(
        ctx,
        'Sorry about that. Someone from the team will reply here shortly.',
        "I'm sorry for the trouble. I'm passing this on to a member of the team, who will reply shortly.",
      );
    if (reason === 'low_confidence')
      return byStyle(
        ctx,
        "I'll let someone from the team answer you directly, they'll reply here very soon.",
        "I'd rather have a member of the team answer you directly: they'll get back to you here very shortly.",
      );
    if (reason === 'out_of_scope')
      return byStyle(
        ctx,
        'Good question! Someone from the team will answer it here very soon.',
        "Good question! I'm passing it on to a member of the team, who will reply very shortly.",
      );
    return byStyle(
      ctx,
      "Sure! I'm passing you to someone from the team, who'll reply here very soon.",
      "Of course! I'm passing this on to a member of the team, who will reply here very shortly.",
    );
  },
  optOut: (ctx) =>
    byStyle(
      ctx,
      "Got it: you won't get any more messages from us. All the best!",
      "Understood: you won't receive any more messages from us. All the best.",
    ),
  firstContact: (parts, ctx) =>
    byStyle(
      ctx,
      `Hi${name(ctx)}, ${parts.agentName} here, ${parts.companyName}'s virtual assistant. Thanks for reaching out${parts.source}! ${parts.question}`,
      `Hello${name(ctx)}, this is ${parts.agentName}, ${parts.companyName}'s virtual assistant. Thank you for your request${parts.source}! ${parts.question}`,
    ),
  firstContactSubject: (companyName) => `Your request to ${companyName}`,
  followUp: (attempt, question, ctx) => {
    if (attempt === 1)
      return byStyle(
        ctx,
        `Quick follow-up: ${question}`,
        `I'm following up on my previous message${commaName(ctx)}: ${question}`,
      );
    return byStyle(
      ctx,
      `Last nudge from me: ${question} If now's not a good time, no worries, I won't chase you again.`,
      `One last message from me: ${question} If now isn't the right time, no problem, I won't follow up again.`,
    );
  },
  nameFallback: 'there',
};
