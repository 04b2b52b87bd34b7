import { z } from 'zod';
import { LIFECYCLE_STAGES } from '../leads/index.ts';
import {
  ATTRIBUTE_PATH,
  type Condition,
  conditionSchemaFor,
  ZCondition,
} from './branch-condition.schemas.ts';
import {
  type DefinitionError,
  type DefinitionPath,
  issuesToErrors,
  type UnionResolver,
} from './definition-errors.rules.ts';
import { parseIsoDuration } from './iso-duration.rules.ts';
import { ZTemplateName } from './message-template.schemas.ts';
import { DEFAULT_SEND_WINDOW, WEEKDAYS } from './send-window.rules.ts';
import { checkSequenceDefinition } from './sequence-checks.rules.ts';
import { DEFAULT_GOALS, ZGoal, ZTrigger } from './sequence-trigger.schemas.ts';

export { type Condition, ZCondition };

export const STEP_TYPES = ['send', 'wait', 'branch', 'update', 'notify', 'exit'] as const;
export const SEND_CHANNELS = ['whatsapp', 'email'] as const;
export const MAX_BUSINESS_DAYS = 60;

/** Lead fields an update step may set (`attributes.<key>` sets a custom attribute). */
export const UPDATABLE_LEAD_FIELDS = [
  'firstName',
  'lastName',
  'jobTitle',
  'language',
  'country',
  'timezone',
  'company.name',
  'company.domain',
  'company.size',
  'company.industry',
] as const;

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** A local time of day, "09:30". */
export const ZLocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: (issue) => `invalid time "${String(issue.input)}" (HH:MM)` });

/** An ISO-8601 duration of at most a year: "PT2H", "P3D", "PT5S". */
export const ZIsoDuration = z.string().superRefine((value, ctx) => {
  const parsed = parseIsoDuration(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

const ZStepId = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'a label starts with a letter, then letters, digits, "-" or "_" (at most 64)',
  );

/** Where a branch goes: a step index (0 is the first step) or a step's `id`. */
export const ZStepTarget = z.union([
  z.number().int().min(0, 'a step index is 0 or more'),
  z.string().min(1, 'must not be empty'),
]);
export type StepTarget = z.infer<typeof ZStepTarget>;

export const ZSendStep = z
  .object({
    id: ZStepId.optional(),
    type: z.literal('send'),
    channel: z.enum(SEND_CHANNELS),
    template: ZTemplateName.optional(),
    /** WhatsApp only, sent inside the 24-hour window; with a template too, the template goes outside it. */
    text: text(4096).optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    if (step.channel === 'email' && step.text !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: 'free text is for WhatsApp; an email sends a template',
      });
    } else if (step.channel === 'email' && step.template === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'an email step needs "template"' });
    } else if (step.template === undefined && step.text === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'a WhatsApp step needs "template" or "text"' });
    }
  });

export const ZWaitStep = z
  .object({
    id: ZStepId.optional(),
    type: z.literal('wait'),
    duration: ZIsoDuration.optional(),
    businessDays: z
      .number()
      .int(`expected an integer from 1 to ${MAX_BUSINESS_DAYS}`)
      .min(1, `expected an integer from 1 to ${MAX_BUSINESS_DAYS}`)
      .max(MAX_BUSINESS_DAYS, `expected an integer from 1 to ${MAX_BUSINESS_DAYS}`)
      .optional(),
    /** The next such local time in the lead's zone, strictly after the wait starts. */
    until: ZLocalTime.optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    const kinds = [step.duration, step.businessDays, step.until].filter((kind) => kind !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `a wait needs exactly one of "duration", "businessDays", "until"`,
      });
    }
  });

export const ZBranchStep = z
  .object({
    id: ZStepId.optional(),
    type: z.literal('branch'),
    if: ZCondition,
    // biome-ignore lint/suspicious/noThenProperty: the contract's key for a branch target, never awaited
    then: ZStepTarget,
    else: ZStepTarget,
  })
  .strict();

export const ZUpdateStep = z
  .object({
    id: ZStepId.optional(),
    type: z.literal('update'),
    stage: z
      .object({ to: z.enum(LIFECYCLE_STAGES), reason: text(500) })
      .strict()
      .optional(),
    field: z
      .object({
        name: z
          .string()
          .refine(
            (name) =>
              (UPDATABLE_LEAD_FIELDS as readonly string[]).includes(name) || ATTRIBUTE_PATH.test(name),
            {
              error: (issue) =>
                `cannot update "${String(issue.input)}" (${UPDATABLE_LEAD_FIELDS.join(', ')} or attributes.<key>)`,
            },
          ),
        value: z.union([z.string().max(2000, 'at most 2000 characters'), z.number(), z.boolean(), z.null()]),
      })
      .strict()
      .optional(),
    tag: text(50).optional(),
  })
  .strict()
  .refine((step) => step.stage || step.field || step.tag !== undefined, {
    message: 'an update needs "stage", "field" or "tag"',
  });

export const ZNotifyStep = z
  .object({
    id: ZStepId.optional(),
    type: z.literal('notify'),
    owner: z.literal(true),
    email: z.boolean().optional(),
    webhook: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
      .max(2000)
      .optional(),
    message: text(1000).optional(),
  })
  .strict();

export const ZExitStep = z
  .object({ id: ZStepId.optional(), type: z.literal('exit'), reason: text(200).optional() })
  .strict();

export const ZStep = z.discriminatedUnion('type', [
  ZSendStep,
  ZWaitStep,
  ZBranchStep,
  ZUpdateStep,
  ZNotifyStep,
  ZExitStep,
]);
export type SequenceStep = z.infer<typeof ZStep>;
export type SendStep = z.infer<typeof ZSendStep>;
export type WaitStep = z.infer<typeof ZWaitStep>;
export type BranchStep = z.infer<typeof ZBranchStep>;
export type UpdateStep = z.infer<typeof ZUpdateStep>;
export type NotifyStep = z.infer<typeof ZNotifyStep>;
export type ExitStep = z.infer<typeof ZExitStep>;

/** The send window of a definition (`null`: any hour; stored without one: weekdays 09:00–19:00). */
export function sendWindowOf(definition: { sendWindow?: SendWindow | null }): SendWindow | null {
  return definition.sendWindow === undefined ? DEFAULT_SEND_WINDOW : definition.sendWindow;
}

export const ZSendWindow = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, 'list at least one day'),
    start: ZLocalTime,
    end: ZLocalTime,
  })
  .strict()
  .superRefine((window, ctx) => {
    const repeated = window.days.find((day, index) => window.days.indexOf(day) !== index);
    if (repeated) ctx.addIssue({ code: 'custom', path: ['days'], message: `"${repeated}" is listed twice` });
    if (window.end <= window.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `must be after start (${window.start})` });
    }
  });

export type SendWindow = z.infer<typeof ZSendWindow>;

export const ZSequenceDefinition = z
  .object({
    name: text(200),
    description: text(2000).optional(),
    trigger: ZTrigger.optional(),
    goals: z
      .array(ZGoal)
      .max(20, 'at most 20 goals')
      .default(() => DEFAULT_GOALS.map((goal) => ({ ...goal }))),
    /** In the lead's time zone; `null` sends at any hour. */
    sendWindow: ZSendWindow.nullable().default(() => ({
      ...DEFAULT_SEND_WINDOW,
      days: [...DEFAULT_SEND_WINDOW.days],
    })),
    /** Most messages this sequence sends one lead in a local day. */
    dailyCap: z
      .number()
      .int('expected an integer from 1 to 100')
      .min(1, 'expected an integer from 1 to 100')
      .max(100, 'expected an integer from 1 to 100')
      .nullable()
      .optional(),
    steps: z.array(ZStep).min(1, 'a sequence needs at least one step').max(200, 'at most 200 steps'),
  })
  .strict();
export type SequenceDefinition = z.infer<typeof ZSequenceDefinition>;
export type SequenceDefinitionInput = z.input<typeof ZSequenceDefinition>;

// steps[n].if, then any depth of .all[n] / .any[n] / .not
function isConditionPath(path: DefinitionPath): boolean {
  if (path[0] !== 'steps' || typeof path[1] !== 'number' || path[2] !== 'if') return false;
  for (let index = 3; index < path.length; ) {
    if (path[index] === 'not') index += 1;
    else if ((path[index] === 'all' || path[index] === 'any') && typeof path[index + 1] === 'number')
      index += 2;
    else return false;
  }
  return true;
}

const resolveUnion: UnionResolver = (path, value) =>
  isConditionPath(path) ? conditionSchemaFor(value) : undefined;

export interface ParseDefinitionOptions {
  /** The templates the workspace has; when given, steps naming another are refused. */
  templateNames?: ReadonlySet<string>;
}

export type ParseDefinitionResult =
  | { ok: true; definition: SequenceDefinition }
  | { ok: false; errors: DefinitionError[] };

/**
 * Checks a sequence definition (JSON already parsed) and fills the defaults (goals, send window).
 * Shape errors come first; the checks across steps (labels, branch targets, loops, unreachable
 * steps, template names, tokens) run once the shape is right.
 */
export function parseSequenceDefinition(
  input: unknown,
  options: ParseDefinitionOptions = {},
): ParseDefinitionResult {
  const parsed = ZSequenceDefinition.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, errors: issuesToErrors(parsed.error.issues, input, resolveUnion) };
  }
  const errors = checkSequenceDefinition(parsed.data, options);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definition: parsed.data };
}
