/**
 * English scripted dialogues: timeline and budget phrasings, corrections, "later" (see agent-
 * dialogues.fixtures.ts for the format).
 */

import { ASKS_BUDGET } from './agent-dialogues.en.patterns.fixtures.ts';
import type { Dialogue } from './agent-dialogues.fixtures.ts';

export const EN_PHRASINGS_DIALOGUES: Dialogue[] = [
  {
    name: 'en formal "in 3 months" answers the timeline question (not "later")',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Thomas', language: 'en' },
    turns: [
      { say: 'Hello, we want to centralise the quote requests coming from our website' },
      { say: 'in 3 months' },
      { say: "we haven't set a budget yet" },
    ],
    expect: {
      bant: { need: 'present', timeline: { minMonths: 1.5, maxMonths: 4.5 }, budget: 'none' },
      slotsOffered: false,
      turnReplies: { 2: [ASKS_BUDGET] },
      repliesNeverMatch: [/later|timing isn't right|not the right moment/i],
    },
  },
  {
    name: 'en casual correction: "actually more like $20k" replaces the budget',
    language: 'en',
    tone: 'tu',
    lead: { firstName: 'Nick', language: 'en' },
    turns: [
      { say: 'hi, we need an e-signature tool for our sales contracts' },
      { say: 'in 5 months' },
      { say: '$10k' },
      { say: 'actually more like $20k' },
      { say: "yes that's me" },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '3_6m' },
        budget: { kind: 'amount', amount: 20_000, currency: 'USD' },
        authority: 'decision_maker',
      },
      slotsOffered: false,
      needsHuman: false,
      turnReplies: { 4: [/\$20,000/] },
    },
  },
  {
    name: 'en formal later: "not now, get back to me in 6 months"',
    language: 'en',
    tone: 'vous',
    lead: { firstName: 'Rachel', language: 'en' },
    turns: [
      { say: "Hi, we're thinking about a chat widget for our website" },
      { say: 'Not now, get back to me in 6 months' },
    ],
    expect: {
      bant: { timeline: { minMonths: 5 } },
      verdict: 'cold',
      slotsOffered: false,
      needsHuman: false,
      turnReplies: { 2: [/later/i] },
    },
  },
];
