// Routing rule conditions as the form edits them: a list of field tests joined by "all" or "any"
// (or "always"), turned into the condition language of src/modules/routing/routing-condition.schemas.ts.

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
const NUMERIC_FIELDS = new Set(['score', 'fitScore', 'engagementScore']);
const NUMBER_OPS = new Set<string>(['gt', 'gte', 'lt', 'lte']);

export interface TestDraft {
  key: string;
  field: string;
  op: ConditionOp;
  value: string;
}
export type JoinMode = 'always' | 'all' | 'any';

function scalar(field: string, op: string, text: string): string | number | boolean {
  const trimmed = text.trim();
  if (NUMBER_OPS.has(op) || (NUMERIC_FIELDS.has(field) && trimmed !== '' && !Number.isNaN(Number(trimmed))))
    return trimmed === '' ? Number.NaN : Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return trimmed;
}

function toTest(test: TestDraft): Record<string, unknown> {
  if (test.op === 'exists') return { field: test.field, op: 'exists' };
  if (test.op === 'in' || test.op === 'nin') {
    const values = test.value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => scalar(test.field, test.op, item));
    return { field: test.field, op: test.op, value: values };
  }
  const value =
    test.op === 'matches' || test.op === 'contains' ? test.value : scalar(test.field, test.op, test.value);
  // NaN does not survive JSON: send the text so the server names the problem.
  return {
    field: test.field,
    op: test.op,
    value: typeof value === 'number' && Number.isNaN(value) ? test.value : value,
  };
}

export function toCondition(mode: JoinMode, tests: readonly TestDraft[]): Record<string, unknown> {
  if (mode === 'always' || tests.length === 0) return { always: true };
  if (tests.length === 1) return toTest(tests[0] as TestDraft);
  return { [mode]: tests.map(toTest) };
}

/** A condition as one line of text: `score ≥ 70 and country in FR, BE`. */
export function describeCondition(
  condition: unknown,
  words: { and: string; or: string; not: string; always: string },
): string {
  if (!condition || typeof condition !== 'object') return String(condition);
  const node = condition as Record<string, unknown>;
  if (node.always === true) return words.always;
  if (Array.isArray(node.all)) return node.all.map((item) => bracket(item, words)).join(` ${words.and} `);
  if (Array.isArray(node.any)) return node.any.map((item) => bracket(item, words)).join(` ${words.or} `);
  if (node.not) return `${words.not} ${bracket(node.not, words)}`;
  const symbols: Record<string, string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };
  const value = Array.isArray(node.value)
    ? node.value.join(', ')
    : node.value === undefined
      ? ''
      : String(node.value);
  return `${String(node.field)} ${symbols[String(node.op)] ?? String(node.op)} ${value}`.trim();
}

function bracket(condition: unknown, words: Parameters<typeof describeCondition>[1]): string {
  const text = describeCondition(condition, words);
  const node = condition as Record<string, unknown>;
  return node && (Array.isArray(node.all) || Array.isArray(node.any)) ? `(${text})` : text;
}
