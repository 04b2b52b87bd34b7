import {
  containsText,
  isEqual,
  isPresent,
  itemsOf,
  readNumber,
  showValue,
} from './condition-values.rules.ts';
import {
  CONDITION_OPS,
  type ConditionOp,
  type ConditionScalar,
  type FieldCondition,
  isRoutingField,
  type RoutingCondition,
} from './routing-condition.schemas.ts';
import { factAt, type RoutingFacts } from './routing-facts.rules.ts';
import { cachedSafePattern, testSafePattern } from './safe-pattern.rules.ts';

export interface ConditionResult {
  matched: boolean;
  /** Why, with the values seen: `company.size gte 50 (was 120)`. */
  explanation: string;
}

// Stored conditions were validated on the way in; this only stops a damaged row from recursing forever.
const MAX_EVALUATED_DEPTH = 50;

type Comparison = 'gt' | 'gte' | 'lt' | 'lte';
const COMPARISONS: Record<Comparison, (left: number, right: number) => boolean> = {
  gt: (left, right) => left > right,
  gte: (left, right) => left >= right,
  lt: (left, right) => left < right,
  lte: (left, right) => left <= right,
};

function isComparison(op: ConditionOp): op is Comparison {
  return Object.hasOwn(COMPARISONS, op);
}

function scalars(value: FieldCondition['value']): ConditionScalar[] {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

function testField(condition: FieldCondition, actual: unknown): boolean {
  const { op, value } = condition;
  if (op === 'exists') return isPresent(actual) === (value ?? true);
  if (op === 'eq') return value !== undefined && !Array.isArray(value) && isEqual(actual, value);
  if (op === 'neq') return !(value !== undefined && !Array.isArray(value) && isEqual(actual, value));
  if (op === 'in') return scalars(value).some((expected) => isEqual(actual, expected));
  if (op === 'nin') return !scalars(value).some((expected) => isEqual(actual, expected));
  if (op === 'contains') return typeof value === 'string' && containsText(actual, value);
  if (op === 'matches') {
    const pattern = typeof value === 'string' ? cachedSafePattern(value) : null;
    if (!pattern?.ok) return false;
    const regex = pattern.regex;
    return itemsOf(actual).some(
      (item) =>
        (typeof item === 'string' || typeof item === 'number') && testSafePattern(regex, String(item)),
    );
  }
  if (isComparison(op) && typeof value === 'number') {
    const compare = COMPARISONS[op];
    return itemsOf(actual).some((item) => {
      const number = readNumber(item, 'lowerBound');
      return number !== null && compare(number, value);
    });
  }
  return false;
}

/** What the explanation says the field held; comparisons show the number they read. */
function showActual(op: ConditionOp, actual: unknown): string {
  if (!isComparison(op) || typeof actual !== 'string') return showValue(actual);
  const number = readNumber(actual, 'lowerBound');
  if (number === null) return `${showValue(actual)}, not a number`;
  return String(number) === actual.trim() ? String(number) : `${showValue(actual)}, read as ${number}`;
}

function evaluateField(condition: FieldCondition, facts: RoutingFacts): ConditionResult {
  const { field, op, value } = condition;
  if (!isRoutingField(field) || !(CONDITION_OPS as readonly string[]).includes(op)) {
    return { matched: false, explanation: `invalid condition on ${showValue(field)}` };
  }
  const actual = factAt(facts, field);
  const shown =
    op === 'exists'
      ? value === undefined || value === true
        ? ''
        : ` ${showValue(value)}`
      : ` ${showValue(value)}`;
  if (op === 'matches' && typeof value === 'string') {
    const pattern = cachedSafePattern(value);
    if (!pattern.ok) {
      return {
        matched: false,
        explanation: `${field} matches${shown}: unusable pattern (${pattern.reason})`,
      };
    }
  }
  return {
    matched: testField(condition, actual),
    explanation: `${field} ${op}${shown} (was ${showActual(op, actual)})`,
  };
}

function mark(result: ConditionResult): string {
  return `${result.matched ? '✓' : '✗'} ${result.explanation}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function evaluate(condition: unknown, facts: RoutingFacts, depth: number): ConditionResult {
  if (!isObject(condition) || depth > MAX_EVALUATED_DEPTH) {
    return { matched: false, explanation: 'invalid condition' };
  }
  if (condition.always === true) return { matched: true, explanation: 'always' };
  for (const kind of ['all', 'any'] as const) {
    const children = condition[kind];
    if (!Array.isArray(children)) continue;
    // Every child is evaluated, not just up to the deciding one, so the trace tells the whole story.
    const results = children.map((child) => evaluate(child, facts, depth + 1));
    const matched =
      kind === 'all'
        ? results.length > 0 && results.every((result) => result.matched)
        : results.some((result) => result.matched);
    return { matched, explanation: `${kind}(${results.map(mark).join('; ')})` };
  }
  if (Object.hasOwn(condition, 'not')) {
    const inner = evaluate(condition.not, facts, depth + 1);
    return { matched: !inner.matched, explanation: `not(${mark(inner)})` };
  }
  if (typeof condition.field === 'string' && typeof condition.op === 'string') {
    return evaluateField(condition as unknown as FieldCondition, facts);
  }
  return { matched: false, explanation: 'invalid condition' };
}

/**
 * Whether the facts satisfy a condition, and why. Text compares without case or accents, numbers
 * also from numeric text (a range by its lower bound for gt/gte/lt/lte), a list answer item by item.
 */
export function evaluateRoutingCondition(condition: RoutingCondition, facts: RoutingFacts): ConditionResult {
  return evaluate(condition, facts, 0);
}
