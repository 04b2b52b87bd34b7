import { z } from 'zod';
import { compileSafePattern } from './safe-pattern.rules.ts';

/** Fields a condition may test, besides `attributes.<key>` and `form.<field name>`. */
export const ROUTING_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'emailDomain',
  'jobTitle',
  'language',
  'country',
  'region',
  'company.name',
  'company.domain',
  'company.size',
  'company.industry',
  'score',
  'fitScore',
  'engagementScore',
  'temperature',
  'stage',
  'source',
  'firstTouch.source',
  'utm.source',
  'utm.medium',
  'utm.campaign',
] as const;
export type RoutingField = (typeof ROUTING_FIELDS)[number];

/** `attributes.<key>` and `form.<field name>`: the rest of the path is the key, dots and spaces included. */
export const ATTRIBUTE_PREFIX = 'attributes.';
export const FORM_PREFIX = 'form.';
const MAX_KEY_LENGTH = 100;

export function isRoutingField(path: string): boolean {
  if ((ROUTING_FIELDS as readonly string[]).includes(path)) return true;
  const prefix = [ATTRIBUTE_PREFIX, FORM_PREFIX].find((candidate) => path.startsWith(candidate));
  const key = prefix ? path.slice(prefix.length) : '';
  return key.length >= 1 && key.length <= MAX_KEY_LENGTH;
}

export const CONDITION_OPS = [
  'eq',
  'neq',
  'in',
  'nin',
  'gte',
  'lte',
  'gt',
  'lt',
  'contains',
  'exists',
  'matches',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type ConditionScalar = string | number | boolean;

/** A test on one field: `{ "field": "company.size", "op": "gte", "value": 50 }`. */
export interface FieldCondition {
  field: string;
  op: ConditionOp;
  value?: ConditionScalar | ConditionScalar[];
}

export type RoutingCondition =
  | FieldCondition
  | { all: RoutingCondition[] }
  | { any: RoutingCondition[] }
  | { not: RoutingCondition }
  | { always: true };

export const MAX_CONDITION_DEPTH = 10;
export const MAX_CONDITION_NODES = 200;
const MAX_LIST = 50;
const MAX_VALUES = 100;
const MAX_TEXT = 500;

const ZScalar = z.union([
  z.string().max(MAX_TEXT, `at most ${MAX_TEXT} characters`),
  z.number().finite(),
  z.boolean(),
]);

function addIssue(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** The value each operator expects, checked after the field and op themselves. */
function checkValue(condition: { op: ConditionOp; value?: unknown }, ctx: z.RefinementCtx): void {
  const { op, value } = condition;
  const at = ['value'];
  if (op === 'exists') {
    if (value !== undefined && typeof value !== 'boolean')
      addIssue(ctx, at, 'true or false (true when left out)');
    return;
  }
  if (value === undefined) {
    addIssue(ctx, at, `required by "${op}"`);
    return;
  }
  if (op === 'eq' || op === 'neq') {
    if (!ZScalar.safeParse(value).success) addIssue(ctx, at, `a text, a number or true/false (${op})`);
  } else if (op === 'in' || op === 'nin') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_VALUES) {
      addIssue(ctx, at, `a list of 1 to ${MAX_VALUES} values (${op})`);
      return;
    }
    value.forEach((item, index) => {
      if (!ZScalar.safeParse(item).success) addIssue(ctx, [...at, index], 'a text, a number or true/false');
    });
  } else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
    if (typeof value !== 'number' || !Number.isFinite(value)) addIssue(ctx, at, `a number (${op})`);
  } else if (op === 'contains') {
    if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
      addIssue(ctx, at, 'a text of 1 to 200 characters (contains)');
    }
  } else if (op === 'matches') {
    if (typeof value !== 'string' || value === '') {
      addIssue(ctx, at, 'a regular expression (matches)');
      return;
    }
    const check = compileSafePattern(value);
    if (!check.ok) addIssue(ctx, at, `unusable pattern: ${check.reason}`);
  }
}

export const ZFieldCondition = z
  .object({
    field: z
      .string({
        error: (issue) => (issue.input === undefined ? 'required' : 'a field path such as company.size'),
      })
      .refine(isRoutingField, {
        error: (issue) =>
          `unknown field "${String(issue.input)}" (one of ${ROUTING_FIELDS.join(', ')}, attributes.<key> or form.<field>)`,
      }),
    op: z.enum(CONDITION_OPS, {
      error: (issue) =>
        issue.input === undefined
          ? `required (${CONDITION_OPS.join(', ')})`
          : `one of ${CONDITION_OPS.join(', ')}`,
    }),
    value: z.unknown().optional(),
  })
  .strict()
  .superRefine((condition, ctx) => checkValue(condition, ctx));

const KINDS = ['all', 'any', 'not', 'always', 'field'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

type ConditionKind = (typeof KINDS)[number];

/** The kind of a condition object, or what is wrong with its shape. */
function kindOf(value: unknown, depth: number): { kind: ConditionKind } | { problem: string } {
  if (depth > MAX_CONDITION_DEPTH)
    return { problem: `nested too deep (at most ${MAX_CONDITION_DEPTH} levels)` };
  if (value === undefined) return { problem: 'required' };
  if (!isPlainObject(value)) return { problem: 'a condition object' };
  const [kind, other] = KINDS.filter((candidate) => Object.hasOwn(value, candidate));
  if (kind === undefined) {
    return { problem: 'a condition needs "all", "any", "not", "always" or "field" with "op"' };
  }
  if (other !== undefined) {
    return {
      problem: `one test per condition: "${kind}" and "${other}" found (combine them with all or any)`,
    };
  }
  return { kind };
}

/** Walks a condition tree, reporting each problem at its own path (a union would only say "invalid"). */
function checkCondition(
  value: unknown,
  path: PropertyKey[],
  depth: number,
  budget: { nodes: number },
  ctx: z.RefinementCtx,
): void {
  if (--budget.nodes < 0) return;
  const shape = kindOf(value, depth);
  if ('problem' in shape) {
    addIssue(ctx, path, shape.problem);
    return;
  }
  const { kind } = shape;
  const condition = value as Record<string, unknown>;
  if (kind === 'field') {
    const parsed = ZFieldCondition.safeParse(condition);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) addIssue(ctx, [...path, ...issue.path, key], 'unknown key');
      } else {
        addIssue(ctx, [...path, ...issue.path], issue.message);
      }
    }
    return;
  }
  for (const key of Object.keys(condition)) {
    if (key !== kind) addIssue(ctx, [...path, key], 'unknown key');
  }
  const inner = condition[kind];
  if (kind === 'always') {
    if (inner !== true) addIssue(ctx, [...path, kind], 'must be true');
  } else if (kind === 'not') {
    checkCondition(inner, [...path, kind], depth + 1, budget, ctx);
  } else if (!Array.isArray(inner) || inner.length === 0 || inner.length > MAX_LIST) {
    addIssue(ctx, [...path, kind], `a list of 1 to ${MAX_LIST} conditions`);
  } else {
    inner.forEach((child, index) => {
      checkCondition(child, [...path, kind, index], depth + 1, budget, ctx);
    });
  }
}

/** A routing condition: `all`/`any`/`not` over field tests, or `{ "always": true }`. */
export const ZRoutingCondition = z.custom<RoutingCondition>().superRefine((value, ctx) => {
  const budget = { nodes: MAX_CONDITION_NODES };
  checkCondition(value, [], 1, budget, ctx);
  if (budget.nodes < 0) addIssue(ctx, [], `too many conditions (at most ${MAX_CONDITION_NODES})`);
});
