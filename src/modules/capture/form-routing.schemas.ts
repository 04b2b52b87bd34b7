import { z } from 'zod';
import { type RoutingCondition, ZRoutingCondition } from '../routing/index.ts';

/** How a routing form can end without a booking (the message says why). */
export const ROUTING_FORM_ENDINGS = ['disqualified', 'not_now'] as const;
export type RoutingFormEndingOutcome = (typeof ROUTING_FORM_ENDINGS)[number];

const ZMessage = z.string().trim().min(1).max(1000);

/** A way out before any booking: the first ending whose condition holds decides. */
export const ZRoutingFormEnding = z
  .object({
    name: z.string().trim().min(1).max(200),
    when: ZRoutingCondition,
    outcome: z.enum(ROUTING_FORM_ENDINGS, { error: 'disqualified or not_now' }),
    /** Shown to the visitor; the default one of the outcome in the visitor's language when null. */
    message: ZMessage.nullable().default(null),
  })
  .strict();

/**
 * Makes a form a routing form: its answers are routed by the workspace's routing rules (which may
 * test `form.<field>`), and the visitor ends on the chosen rep's booking page or on a message.
 */
export const ZFormRouting = z
  .object({
    /** Slug of the meeting type the booking page offers; null: the workspace's first one. */
    meetingType: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'a meeting type slug such as discovery-call')
      .nullable()
      .default(null),
    endings: z.array(ZRoutingFormEnding).max(20).default([]),
    /** Shown when nobody can take the lead (no rule, team or fallback owner gives one). */
    noOwnerMessage: ZMessage.nullable().default(null),
  })
  .strict();
export type FormRouting = z.output<typeof ZFormRouting>;
export type FormRoutingEnding = z.output<typeof ZRoutingFormEnding>;

/** The `form.<name>` fields a condition tests, for checking them against the form's fields. */
export function formFieldsTestedBy(condition: RoutingCondition): string[] {
  if ('all' in condition) return condition.all.flatMap(formFieldsTestedBy);
  if ('any' in condition) return condition.any.flatMap(formFieldsTestedBy);
  if ('not' in condition) return formFieldsTestedBy(condition.not);
  if ('field' in condition && condition.field.startsWith('form.')) return [condition.field.slice(5)];
  return [];
}
