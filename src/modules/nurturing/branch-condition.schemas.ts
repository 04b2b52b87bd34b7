import { z } from 'zod';
import { isPublicEventType, LIFECYCLE_STAGES, TEMPERATURES } from '../leads/index.ts';
import { BANT_FIELDS, HORIZON_MONTHS, ZAuthority } from '../qualification/index.ts';

/** Lead fields a condition may read (`attributes.<key>` reads a custom attribute). */
export const CONDITION_LEAD_FIELDS = [
  'firstName',
  'lastName',
  'jobTitle',
  'language',
  'country',
  'timezone',
  'email',
  'phone',
  'whatsappId',
  'source',
  'ownerId',
  'company.name',
  'company.domain',
  'company.size',
  'company.industry',
] as const;

/** `attributes.<key>`: a custom attribute of the lead. */
export const ATTRIBUTE_PATH = /^attributes\.[^.\s]{1,100}$/;

export function isConditionLeadField(name: string): boolean {
  return (CONDITION_LEAD_FIELDS as readonly string[]).includes(name) || ATTRIBUTE_PATH.test(name);
}

const ZScalar = z.union([z.string().max(500, 'at most 500 characters'), z.number(), z.boolean()]);

// The tests a BANT or lead-field condition may combine; all given must hold.
const valueTests = {
  known: z.boolean().optional(),
  equals: ZScalar.optional(),
  in: z.array(ZScalar).min(1, 'list at least one value').max(100, 'at most 100 values').optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  contains: z.string().min(1, 'must not be empty').max(200, 'at most 200 characters').optional(),
};
type ValueTestKey = keyof typeof valueTests;
const VALUE_TEST_KEYS = Object.keys(valueTests) as ValueTestKey[];
const NUMBER_TEST_KEYS = ['equals', 'gt', 'gte', 'lt', 'lte'] as const;

const hasSomeTest = (value: Record<string, unknown>, keys: readonly string[]) =>
  keys.some((key) => value[key] !== undefined);

const ZStageName = z.enum(LIFECYCLE_STAGES);
const ZTemperatureName = z.enum(TEMPERATURES);

export const ZScoreCondition = z
  .object({
    score: z
      .object({
        equals: z.number().optional(),
        gt: z.number().optional(),
        gte: z.number().optional(),
        lt: z.number().optional(),
        lte: z.number().optional(),
      })
      .strict()
      .refine(
        (value) => hasSomeTest(value, NUMBER_TEST_KEYS),
        'needs a comparison: gt, gte, lt, lte or equals',
      ),
  })
  .strict();

export const ZTemperatureCondition = z
  .object({ temperature: z.union([ZTemperatureName, z.array(ZTemperatureName).min(1, 'list at least one')]) })
  .strict();

export const ZStageCondition = z
  .object({ stage: z.union([ZStageName, z.array(ZStageName).min(1, 'list at least one')]) })
  .strict();

// Which tests make sense for each BANT field (budget: amount, timeline: months or horizon).
const BANT_TESTS: Record<(typeof BANT_FIELDS)[number], readonly ValueTestKey[]> = {
  budget: ['known', 'equals', 'gt', 'gte', 'lt', 'lte'],
  authority: ['known', 'equals', 'in'],
  need: ['known', 'equals', 'in', 'contains'],
  timeline: ['known', 'equals', 'in', 'gt', 'gte', 'lt', 'lte'],
};
const HORIZONS = Object.keys(HORIZON_MONTHS);

export const ZBantCondition = z
  .object({
    bant: z.enum(BANT_FIELDS),
    ...valueTests,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
      .optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const allowed = BANT_TESTS[condition.bant];
    if (!hasSomeTest(condition, VALUE_TEST_KEYS)) {
      ctx.addIssue({ code: 'custom', path: [], message: `needs a test: ${allowed.join(', ')}` });
    }
    for (const key of VALUE_TEST_KEYS) {
      if (condition[key] !== undefined && !allowed.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `does not apply to ${condition.bant} (use ${allowed.join(', ')})`,
        });
      }
    }
    if (condition.currency && condition.bant !== 'budget') {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'applies to budget only' });
    }
    const listed = [condition.equals, ...(condition.in ?? [])].filter((value) => value !== undefined);
    const expected =
      condition.bant === 'authority' ? ZAuthority.options : condition.bant === 'timeline' ? HORIZONS : null;
    const wrong = expected && listed.find((value) => !expected.includes(String(value)));
    if (expected && wrong !== undefined && wrong !== null) {
      ctx.addIssue({
        code: 'custom',
        path: [condition.equals === wrong ? 'equals' : 'in'],
        message: `unknown ${condition.bant} "${String(wrong)}" (one of ${expected.join(', ')})`,
      });
    }
    if (
      condition.bant === 'budget' &&
      condition.equals !== undefined &&
      typeof condition.equals !== 'number'
    ) {
      ctx.addIssue({ code: 'custom', path: ['equals'], message: 'a budget compares with an amount' });
    }
  });

export const ZFieldCondition = z
  .object({
    field: z.string().refine(isConditionLeadField, {
      error: (issue) =>
        `unknown lead field "${String(issue.input)}" (${CONDITION_LEAD_FIELDS.join(', ')} or attributes.<key>)`,
    }),
    ...valueTests,
  })
  .strict()
  .refine((value) => hasSomeTest(value, VALUE_TEST_KEYS), `needs a test: ${VALUE_TEST_KEYS.join(', ')}`);

/** A public event type, or `x-<name>` for a workspace's own. */
export const ZEventType = z.string().refine(isPublicEventType, {
  error: (issue) =>
    `unknown event type "${String(issue.input)}" (an event type such as email_opened, or x-<name> for your own)`,
});

export const ZEventCondition = z
  .object({
    event: ZEventType,
    /** How many such events since enrolment; 1 when left out. */
    atLeast: z.number().int().min(1, 'at least 1').max(1000, 'at most 1000').optional(),
  })
  .strict();

type LeafCondition =
  | z.infer<typeof ZScoreCondition>
  | z.infer<typeof ZTemperatureCondition>
  | z.infer<typeof ZStageCondition>
  | z.infer<typeof ZBantCondition>
  | z.infer<typeof ZFieldCondition>
  | z.infer<typeof ZEventCondition>;

/** A test on the lead, combinable with all/any/not. */
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const ZConditionList = () =>
  z.array(ZCondition).min(1, 'list at least one condition').max(50, 'at most 50 conditions');

export const ZAllCondition = z
  .object({
    get all() {
      return ZConditionList();
    },
  })
  .strict();
export const ZAnyCondition = z
  .object({
    get any() {
      return ZConditionList();
    },
  })
  .strict();
export const ZNotCondition = z
  .object({
    get not() {
      return ZCondition;
    },
  })
  .strict();

/** The schema of each kind of condition, by the key that names the kind. */
export const CONDITION_SCHEMAS = {
  score: ZScoreCondition,
  temperature: ZTemperatureCondition,
  stage: ZStageCondition,
  bant: ZBantCondition,
  field: ZFieldCondition,
  event: ZEventCondition,
  all: ZAllCondition,
  any: ZAnyCondition,
  not: ZNotCondition,
} as const;
export const CONDITION_KINDS = Object.keys(CONDITION_SCHEMAS) as (keyof typeof CONDITION_SCHEMAS)[];

export const ZCondition: z.ZodType<Condition> = z.union([
  ZScoreCondition,
  ZTemperatureCondition,
  ZStageCondition,
  ZBantCondition,
  ZFieldCondition,
  ZEventCondition,
  ZAllCondition,
  ZAnyCondition,
  ZNotCondition,
]);

/**
 * For error messages: the schema of the kind a condition names by its key, or why it names none.
 * (A plain union would only say "invalid input" for a typo three levels down.)
 */
export function conditionSchemaFor(value: unknown): { schema: z.ZodType } | { message: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { message: 'expected a condition object' };
  }
  const kinds = CONDITION_KINDS.filter((kind) => Object.hasOwn(value, kind));
  const [kind, other] = kinds;
  if (kind === undefined) return { message: `a condition needs one of ${CONDITION_KINDS.join(', ')}` };
  if (other !== undefined) {
    return {
      message: `one test per condition: "${kind}" and "${other}" found (combine them with all or any)`,
    };
  }
  return { schema: CONDITION_SCHEMAS[kind] };
}
