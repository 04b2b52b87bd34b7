import { IANAZone } from 'luxon';
import { z } from 'zod';
import { formatIssuePath } from '../../platform/issue-path.ts';
import { type RoutingCondition, ZRoutingCondition } from './routing-condition.schemas.ts';

export type {
  ConditionOp,
  ConditionScalar,
  FieldCondition,
  RoutingCondition,
  RoutingField,
} from './routing-condition.schemas.ts';
export {
  CONDITION_OPS,
  isRoutingField,
  ROUTING_FIELDS,
  ZRoutingCondition,
} from './routing-condition.schemas.ts';

export const MIN_WEIGHT = 1;
export const MAX_WEIGHT = 100;
const MAX_MEMBERS = 200;
const MAX_PRIORITY = 1_000_000;

const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'required' : what;

const ZName = z
  .string({ error: required('a text') })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'at most 200 characters');

const ZId = z
  .string({ error: required('an id') })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'at most 100 characters');

/** Where a matching rule sends the lead: a team (round-robin among its members) or one rep. */
export const ZRoutingTarget = z
  .custom<{ teamId: string } | { userId: string }>()
  .superRefine((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: 'required: { "teamId": … } or { "userId": … }' });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'an object: { "teamId": … } or { "userId": … }' });
      return;
    }
    const keys = Object.keys(value);
    const named: string[] = keys.filter((key) => key === 'teamId' || key === 'userId');
    if (named.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: named.length === 0 ? 'needs "teamId" or "userId"' : 'either "teamId" or "userId", not both',
      });
    }
    for (const key of keys) {
      if (!named.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown key' });
    }
    for (const key of named) {
      const parsed = ZId.safeParse((value as Record<string, unknown>)[key]);
      if (!parsed.success)
        ctx.addIssue({ code: 'custom', path: [key], message: parsed.error.issues[0]!.message });
    }
  });
export type RoutingTarget = { teamId: string } | { userId: string };

/** Body of `POST /api/v1/routing/rules`: the lowest priority is tried first. */
export const ZRoutingRuleInput = z
  .object({
    name: ZName,
    priority: z
      .number({ error: required('a whole number, lower is tried first') })
      .int('a whole number, lower is tried first')
      .min(0, 'at least 0')
      .max(MAX_PRIORITY, `at most ${MAX_PRIORITY}`),
    conditions: ZRoutingCondition,
    target: ZRoutingTarget,
    isActive: z.boolean({ error: 'true or false' }).optional(),
  })
  .strict();
export type RoutingRuleInput = z.output<typeof ZRoutingRuleInput>;

const isIanaZone = (zone: string) => IANAZone.isValidZone(zone);

export const ZTeamMemberInput = z
  .object({
    userId: ZId,
    weight: z
      .number({ error: required(`a whole number from ${MIN_WEIGHT} to ${MAX_WEIGHT}`) })
      .int(`a whole number from ${MIN_WEIGHT} to ${MAX_WEIGHT}`)
      .min(MIN_WEIGHT, `at least ${MIN_WEIGHT}`)
      .max(MAX_WEIGHT, `at most ${MAX_WEIGHT}`)
      .default(1),
  })
  .strict();

/** Body of `POST /api/v1/teams`. */
export const ZTeamInput = z
  .object({
    name: ZName,
    slug: z
      .string({ error: required('a slug such as sales-france') })
      .trim()
      .max(60, 'at most 60 characters')
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes, such as sales-france'),
    members: z
      .array(ZTeamMemberInput, { error: required('a list of { userId, weight }') })
      .max(MAX_MEMBERS, `at most ${MAX_MEMBERS} members`)
      .superRefine((members, ctx) => {
        const seen = new Set<string>();
        members.forEach((member, index) => {
          if (seen.has(member.userId)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'userId'],
              message: `${member.userId} is listed twice`,
            });
          }
          seen.add(member.userId);
        });
      }),
    workingHours: z
      .object({
        /** Zone for reps whose availability has none; reps' own zones come first. */
        timezone: z
          .string({ error: 'an IANA time zone such as Europe/Paris' })
          .refine(isIanaZone, {
            error: (issue) =>
              `unknown time zone "${String(issue.input)}": use an IANA name such as Europe/Paris`,
          })
          .optional(),
        /** Skip reps outside their working hours. */
        respect: z.boolean({ error: required('true or false') }),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TeamInput = z.output<typeof ZTeamInput>;

/** One problem of an input: where (`conditions.all[1].value`) and what. */
export interface InputError {
  path: string;
  message: string;
}

export { formatIssuePath };

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: InputError[] };

function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const unknownKeys = (issue: z.core.$ZodIssue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatIssuePath([...issue.path, key]), message: 'unknown key' }))
      : [{ path: formatIssuePath(issue.path), message: issue.message }];
  return { ok: false, errors: parsed.error.issues.flatMap(unknownKeys) };
}

/** Validates a rule, naming each problem by its path (`conditions.any[0].op: one of eq, …`). */
export function parseRoutingRule(input: unknown): Parsed<RoutingRuleInput> {
  return parseWith(ZRoutingRuleInput, input);
}

/** Validates a team, naming each problem by its path (`members[2].weight: at most 100`). */
export function parseTeam(input: unknown): Parsed<TeamInput> {
  return parseWith(ZTeamInput, input);
}

/** A stored rule, as the router reads it. */
export interface RoutingRule {
  id: string;
  name: string;
  priority: number;
  conditions: RoutingCondition;
  target: RoutingTarget;
  isActive?: boolean;
}
