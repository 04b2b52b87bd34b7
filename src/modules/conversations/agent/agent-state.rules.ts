import { z } from 'zod';
import { BANT_FIELDS, type BantField } from '../../qualification/index.ts';
import type { AgentLanguage, AgentPhase, AgentState } from './agent.types.ts';

const PHASES = [
  'qualifying',
  'offered_slots',
  'slot_chosen',
  'nurture',
  'closed',
  'handoff',
] as const satisfies readonly AgentPhase[];

export function initialAgentState(language: AgentLanguage): AgentState {
  return {
    phase: 'qualifying',
    language,
    expectedSlot: null,
    askedCount: { budget: 0, authority: 0, need: 0, timeline: 0 },
    lowConfidenceStreak: 0,
    offeredSlots: [],
    chosenSlot: null,
    slotChoiceMisses: 0,
    closedBy: null,
    followUpsSent: 0,
    turns: 0,
  };
}

const isInstant = (value: string) => !Number.isNaN(Date.parse(value));
const ZCount = z.number().int().min(0).max(1_000_000).catch(0);
const ZInstant = z.string().refine(isInstant);

// Every field falls back on its own, so a state written by an older version keeps what is still valid.
const ZStoredState = z.object({
  phase: z.enum(PHASES).catch('qualifying'),
  language: z.enum(['fr', 'en']).catch('fr'),
  expectedSlot: z.enum(BANT_FIELDS).nullable().catch(null),
  askedCount: z
    .record(z.string(), z.unknown())
    .catch({})
    .transform((counts) => {
      const repaired = { budget: 0, authority: 0, need: 0, timeline: 0 } as Record<BantField, number>;
      for (const field of BANT_FIELDS) repaired[field] = ZCount.parse(counts[field]);
      return repaired;
    }),
  lowConfidenceStreak: ZCount,
  offeredSlots: z
    .array(z.unknown())
    .catch([])
    .transform((slots) =>
      slots.filter((slot): slot is string => ZInstant.safeParse(slot).success).map(toIso),
    ),
  chosenSlot: ZInstant.nullable().catch(null),
  slotChoiceMisses: ZCount,
  closedBy: z.enum(['opt_out', 'not_interested']).nullable().catch(null),
  followUpsSent: ZCount,
  turns: ZCount,
});

function toIso(value: string): string {
  return new Date(Date.parse(value)).toISOString();
}

/**
 * The state stored on a conversation, repaired: missing, unknown or malformed fields get their
 * initial value, so an old or hand-edited row never stops the agent.
 */
export function parseAgentState(stored: unknown, fallbackLanguage: AgentLanguage = 'fr'): AgentState {
  const input = typeof stored === 'object' && stored !== null ? stored : initialAgentState(fallbackLanguage);
  const record = input as Record<string, unknown>;
  const parsed = ZStoredState.parse({
    ...record,
    language: record.language ?? fallbackLanguage,
  });
  const chosenSlot = parsed.chosenSlot === null ? null : toIso(parsed.chosenSlot);
  return { ...parsed, chosenSlot };
}
