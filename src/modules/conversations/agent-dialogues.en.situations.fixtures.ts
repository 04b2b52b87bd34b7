/**
 * English scripted dialogues: objections, language switch, handoff, opt-out, media, emoji, unknown intent,
 * silence (see agent-dialogues.fixtures.ts for the format).
 */

import {
  ASKS_BUDGET,
  ASKS_NEED,
  ASKS_TIMELINE,
  HANDED_OVER,
  OFFERS_SLOTS,
  OPTED_OUT,
} from './agent-dialogues.en.patterns.fixtures.ts';
import type { Dialogue } from './agent-dialogues.fixtures.ts';

export const EN_SITUATIONS_DIALOGUES: Dialogue[] = [
  {
    name: 'en formal objection: price asked first, then qualification goes on',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Linda', language: 'en' },
    turns: [
      { say: 'Hello, how much does it cost?' },
      { say: 'We run a real estate agency and want to answer enquiries faster' },
      { say: 'within 2 months' },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: '1_3m' }, budget: 'absent' },
      verdict: null,
      slotsOffered: false,
      needsHuman: false,
      followUpScheduled: true,
      turnReplies: { 1: [/€49/, ASKS_NEED], 2: [ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'en casual objection: "am I talking to a bot?" answered, then the need',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Kate', language: 'en' },
    turns: [
      { say: 'wait, am I talking to a bot?' },
      { say: 'ok. I need software to schedule my field technicians' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: false,
      verdict: null,
      turnReplies: { 1: [/virtual assistant/i, ASKS_NEED], 2: [ASKS_TIMELINE] },
    },
  },
  {
    name: 'en formal objection: data use mid-flow is answered, not an opt-out',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'George', language: 'en' },
    turns: [
      { say: "Hello, we're looking for an automated WhatsApp follow-up tool" },
      { say: 'What do you do with my data?' },
      { say: 'within 6 weeks' },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: '1_3m' } },
      optedOut: false,
      needsHuman: false,
      status: 'open',
      turnReplies: { 2: [/GDPR/, ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'en casual language switch to French mid-flow (tutoiement), then hot',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Amélie', language: 'en' },
    turns: [
      { say: 'Hi, we need a simple CRM for a team of 5 salespeople' },
      { say: 'On peut continuer en français ? Ce sera plus simple pour moi', replyIn: 'fr' },
      { say: "on aimerait que ce soit en place d'ici 2 mois" },
      { say: 'environ 10 000 €' },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '1_3m' },
        budget: { kind: 'amount', amount: 10_000, currency: 'EUR' },
      },
      language: 'fr',
      verdict: 'hot',
      slotsOffered: true,
      turnReplies: { 2: [/quand|échéance/i], 4: [/créneau/i] },
    },
  },
  {
    name: 'en formal handoff: "human please", then the agent stays silent',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Mark', language: 'en' },
    turns: [
      { say: 'Hi, we need a tool to recover abandoned carts' },
      { say: 'human please' },
      { say: 'hello??' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: true,
      handoffReason: 'requested',
      noReplyAfterTurn: 2,
      turnReplies: { 2: [HANDED_OVER] },
    },
  },
  {
    name: 'en casual STOP mid-flow: confirmed once, values kept, nothing sent after',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Chris', language: 'en' },
    turns: [
      { say: "hi, I'm looking for an online booking tool for my clinic" },
      { say: 'within 3 weeks' },
      { say: 'STOP' },
      { say: "actually what's the price?" },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: 'lt_1m' }, budget: 'absent' },
      verdict: null,
      optedOut: true,
      closedAfterTurn: 3,
      slotsOffered: false,
      noReplyAfterTurn: 3,
      turnReplies: { 3: [OPTED_OUT] },
    },
  },
  {
    name: 'en formal opt-out in words: "please unsubscribe me"',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Helen', language: 'en' },
    turns: [
      { say: "Hello, I'm looking for an email marketing tool for our nonprofit" },
      { say: 'Please unsubscribe me from these messages' },
      { say: 'thanks' },
    ],
    expect: {
      optedOut: true,
      closedAfterTurn: 2,
      noReplyAfterTurn: 2,
      bant: { need: 'present', authority: 'absent' },
      turnReplies: { 1: [ASKS_TIMELINE], 2: [OPTED_OUT] },
    },
  },
  {
    name: 'en formal media: a document with a caption states the need, then hot',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Steven', language: 'en' },
    turns: [
      { media: 'document', caption: "Here's our RFP for a lead scoring tool" },
      { say: 'we need it live in 2 months' },
      { say: 'budget is $30,000' },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '1_3m' },
        budget: { kind: 'amount', amount: 30_000, currency: 'USD' },
      },
      verdict: 'hot',
      temperature: 'hot',
      slotsOffered: true,
      turnReplies: { 1: [ASKS_TIMELINE], 3: [OFFERS_SLOTS] },
    },
  },
  {
    name: 'en casual photo without caption: the question is asked again, no handoff',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Olivia', language: 'en' },
    turns: [
      { say: 'hey, I need a tool to qualify the requests coming from my website' },
      { media: 'image' },
      { say: 'by the end of the year' },
    ],
    expect: {
      bant: { need: 'present', timeline: { maxMonths: 12 } },
      needsHuman: false,
      followUpScheduled: true,
      turnReplies: { 2: [ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'en casual emoji only: the question is asked again, no handoff',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Ryan', language: 'en' },
    turns: [
      { say: 'hey, we want to stop losing the leads that come in over the weekend' },
      { say: '🤔' },
      { say: 'next month' },
    ],
    expect: {
      bant: { need: 'present', timeline: { maxMonths: 2.5 } },
      needsHuman: false,
      turnReplies: { 1: [ASKS_TIMELINE], 2: [ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'en formal unknown intent twice: gibberish hands over to a person',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Brian', language: 'en' },
    turns: [
      { say: 'Hi, we want to automate our lead qualification' },
      { say: 'asdfgh jkl' },
      { say: 'qwerty lol' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: true,
      handoffReason: 'low_confidence',
      turnReplies: { 2: [/understand|get that/i], 3: [HANDED_OVER] },
    },
  },
  {
    name: 'en casual goes silent after the first answer: a follow-up is planned',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Megan', language: 'en' },
    turns: [{ say: "hi, we're looking for an online scheduling tool for our 3 offices" }],
    expect: {
      bant: { need: 'present', timeline: 'absent' },
      verdict: null,
      needsHuman: false,
      followUpScheduled: true,
      turnReplies: { 1: [ASKS_TIMELINE] },
    },
  },
  {
    name: 'en formal workspace FAQ topic (HubSpot) is answered from the settings',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Paul', language: 'en' },
    turns: [
      { say: 'Hello, does your tool integrate with HubSpot?' },
      { say: 'We want to sync our inbound leads with HubSpot and qualify them automatically' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: false,
      turnReplies: { 1: [/HubSpot, Pipedrive/, ASKS_NEED], 2: [ASKS_TIMELINE] },
    },
  },
  {
    name: 'en casual annoyed lead is handed to a person',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Gary', language: 'en' },
    turns: [{ say: "This is the third time you've messaged me, seriously annoying!!" }],
    expect: {
      needsHuman: true,
      handoffReason: 'negative_sentiment',
      slotsOffered: false,
      turnReplies: { 1: [HANDED_OVER] },
    },
  },
];
