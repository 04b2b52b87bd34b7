import { z } from 'zod';
import { LIFECYCLE_STAGES, TEMPERATURES } from '../leads/index.ts';
import { ZEventType } from './branch-condition.schemas.ts';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** What enrols a lead on its own; a sequence without one is entered by hand or through the API. */
export const ZTrigger = z.discriminatedUnion('on', [
  z.object({ on: z.literal('stage_entered'), stage: z.enum(LIFECYCLE_STAGES) }).strict(),
  z.object({ on: z.literal('temperature_changed'), to: z.enum(TEMPERATURES) }).strict(),
  z.object({ on: z.literal('event_received'), type: ZEventType }).strict(),
  z.object({ on: z.literal('form_submitted'), formId: text(100).optional() }).strict(),
  z.object({ on: z.literal('manual') }).strict(),
  z.object({ on: z.literal('api') }).strict(),
]);
export type SequenceTrigger = z.infer<typeof ZTrigger>;

/** Goals without a parameter. */
export const SIMPLE_GOALS = ['reply', 'meeting_booked', 'opt_out', 'hard_bounce'] as const;
/** Ends the enrolment at once; "reply" is a reply on any channel. A string is short for `{ on }`. */
export const ZGoal = z.union([
  z.enum(SIMPLE_GOALS).transform((on) => ({ on })),
  z.discriminatedUnion('on', [
    z.object({ on: z.literal('reply') }).strict(),
    z.object({ on: z.literal('meeting_booked') }).strict(),
    z.object({ on: z.literal('opt_out') }).strict(),
    z.object({ on: z.literal('hard_bounce') }).strict(),
    z.object({ on: z.literal('stage_reached'), stage: z.enum(LIFECYCLE_STAGES) }).strict(),
  ]),
]);
export type SequenceGoal = z.output<typeof ZGoal>;

/** Goals of a definition that lists none. */
export const DEFAULT_GOALS: readonly SequenceGoal[] = SIMPLE_GOALS.map((on) => ({ on }));

/** The goals that end an enrolment (a definition stored without goals has the defaults). */
export function goalsOf(definition: { goals?: readonly SequenceGoal[] }): readonly SequenceGoal[] {
  return definition.goals ?? DEFAULT_GOALS;
}
