import { foldText, type Timeline, timelineMonths } from '../qualification/index.ts';
import type { Condition } from './branch-condition.schemas.ts';
import type { SequenceDefinition, StepTarget } from './sequence-definition.schemas.ts';

export type BantFieldName = 'budget' | 'authority' | 'need' | 'timeline';

/** What a branch reads about the lead when it is evaluated. */
export interface ConditionFacts {
  score: number;
  temperature: 'cold' | 'warm' | 'hot';
  stage: string;
  /** The current value of each known field, or its entry (`{ value, … }` as `CurrentBant` holds it). */
  bant: Partial<Record<BantFieldName, unknown>>;
  /** The lead as the API returns it (`company.name`, `attributes.plan`… are read by path). */
  lead: Record<string, unknown>;
  /** Types of the events recorded since the enrolment began, one entry per event. */
  eventsSinceEnrolment: string[];
  /** For timelines given as a date (months from now); the current time when left out. */
  now?: Date;
}

interface ValueTests {
  known?: boolean;
  equals?: string | number | boolean;
  in?: (string | number | boolean)[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  contains?: string;
}

type Scalar = string | number | boolean;

/** True when the condition holds for these facts; a test on a value that is not known is false. */
export function evaluateCondition(condition: Condition, facts: ConditionFacts): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, facts));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, facts));
  if ('not' in condition) return !evaluateCondition(condition.not, facts);
  if ('score' in condition) return compareNumber(facts.score, condition.score);
  if ('temperature' in condition) return listOf(condition.temperature).includes(facts.temperature);
  if ('stage' in condition) return (listOf(condition.stage) as string[]).includes(facts.stage);
  if ('event' in condition) {
    const seen = facts.eventsSinceEnrolment.filter((type) => type === condition.event).length;
    return seen >= (condition.atLeast ?? 1);
  }
  if ('field' in condition) return testValue(readPath(facts.lead, condition.field), condition);
  return evaluateBant(condition, facts);
}

function listOf<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function compareNumber(value: number, tests: Omit<ValueTests, 'known' | 'in' | 'contains'>): boolean {
  return (
    (tests.equals === undefined || value === tests.equals) &&
    (tests.gt === undefined || value > tests.gt) &&
    (tests.gte === undefined || value >= tests.gte) &&
    (tests.lt === undefined || value < tests.lt) &&
    (tests.lte === undefined || value <= tests.lte)
  );
}

function readPath(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function isKnown(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

// Strings compare without case or accents ("FR" equals "fr", "Énergie" equals "energie").
function sameScalar(left: unknown, right: Scalar): boolean {
  if (typeof left === 'string' && typeof right === 'string') return foldText(left.trim()) === foldText(right);
  if (typeof left === 'string' && typeof right === 'number') return Number(left) === right;
  return left === right;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** All given tests must hold; with a value that is not known only `known: false` does. */
function testValue(value: unknown, tests: ValueTests): boolean {
  const known = isKnown(value);
  if (tests.known !== undefined && tests.known !== known) return false;
  if (!known) return tests.known === false && !hasValueTest(tests);
  if (tests.equals !== undefined && !sameScalar(value, tests.equals)) return false;
  if (tests.in !== undefined && !tests.in.some((option) => sameScalar(value, option))) return false;
  if (tests.contains !== undefined) {
    if (typeof value !== 'string' || !foldText(value).includes(foldText(tests.contains))) return false;
  }
  if ([tests.gt, tests.gte, tests.lt, tests.lte].some((bound) => bound !== undefined)) {
    const number = asNumber(value);
    if (number === undefined || !compareNumber(number, { ...tests, equals: undefined })) return false;
  }
  return true;
}

function hasValueTest(tests: ValueTests): boolean {
  return [tests.equals, tests.in, tests.gt, tests.gte, tests.lt, tests.lte, tests.contains].some(
    (test) => test !== undefined,
  );
}

// A BantEntry ({ field, value, confidence… }) or the bare value.
function bantValue(raw: unknown): unknown {
  if (raw !== null && typeof raw === 'object' && 'value' in raw && 'field' in raw) return raw.value;
  return raw;
}

function evaluateBant(condition: Extract<Condition, { bant: string }>, facts: ConditionFacts): boolean {
  const value = bantValue(facts.bant[condition.bant]);
  switch (condition.bant) {
    case 'authority': {
      const authority = value === 'unknown' ? undefined : value;
      return testValue(authority, condition);
    }
    case 'need': {
      const need = value as { text?: unknown; category?: unknown } | undefined;
      const known = isKnown(need?.text) || isKnown(need?.category);
      if (condition.known !== undefined && condition.known !== known) return false;
      if (!known) return condition.known === false && !hasValueTest(condition);
      const category = isKnown(need?.category) ? need?.category : undefined;
      const byCategory = { equals: condition.equals, in: condition.in };
      if (
        (byCategory.equals !== undefined || byCategory.in !== undefined) &&
        !testValue(category, byCategory)
      ) {
        return false;
      }
      return condition.contains === undefined || testValue(need?.text, { contains: condition.contains });
    }
    case 'timeline':
      return evaluateTimeline(value, condition, facts.now ?? new Date());
    case 'budget':
      return evaluateBudget(value, condition);
  }
  return false;
}

function evaluateTimeline(value: unknown, condition: ValueTests, now: Date): boolean {
  const timeline = value as Timeline | undefined;
  const months =
    timeline?.kind === 'horizon' || timeline?.kind === 'date'
      ? timelineMonths(timeline, now.getTime())
      : null;
  const known = months !== null;
  if (condition.known !== undefined && condition.known !== known) return false;
  if (!known) return condition.known === false && !hasValueTest(condition);
  const label = timeline?.kind === 'horizon' ? timeline.horizon : undefined;
  if ((condition.equals !== undefined || condition.in !== undefined) && !testValue(label, condition))
    return false;
  return compareNumber(months, { ...condition, equals: undefined });
}

/** A range passes a comparison when some amount inside it does; "no budget" counts as 0. */
function evaluateBudget(value: unknown, condition: ValueTests & { currency?: string }): boolean {
  const budget = value as
    | { kind: 'amount'; amount: number; currency: string }
    | { kind: 'range'; min: number; max: number; currency: string }
    | { kind: 'none' }
    | undefined;
  const known = budget?.kind === 'amount' || budget?.kind === 'range' || budget?.kind === 'none';
  if (condition.known !== undefined && condition.known !== known) return false;
  if (!known || !budget) return condition.known === false && !hasValueTest(condition);
  if (!hasValueTest(condition)) return true;
  if (condition.currency && budget.kind !== 'none' && budget.currency !== condition.currency) return false;
  const [min, max] =
    budget.kind === 'none'
      ? [0, 0]
      : budget.kind === 'amount'
        ? [budget.amount, budget.amount]
        : [budget.min, budget.max];
  return (
    (condition.equals === undefined ||
      (min <= Number(condition.equals) && Number(condition.equals) <= max)) &&
    (condition.gt === undefined || max > condition.gt) &&
    (condition.gte === undefined || max >= condition.gte) &&
    (condition.lt === undefined || min < condition.lt) &&
    (condition.lte === undefined || min <= condition.lte)
  );
}

/** The index a branch target names (an index or a step's `id`); throws on one that does not exist. */
export function resolveStepTarget(definition: Pick<SequenceDefinition, 'steps'>, target: StepTarget): number {
  const index =
    typeof target === 'number' ? target : definition.steps.findIndex((step) => step.id === target);
  if (index < 0 || index >= definition.steps.length || !Number.isInteger(index)) {
    throw new RangeError(`no step ${typeof target === 'number' ? target : `labelled "${target}"`}`);
  }
  return index;
}

/**
 * The step after `index`: for a branch, its `then` or `else` by `conditionHolds`.
 * `steps.length` means the sequence is complete; an exit step has none (null).
 */
export function nextStepIndex(
  definition: Pick<SequenceDefinition, 'steps'>,
  index: number,
  conditionHolds?: boolean,
): number | null {
  const step = definition.steps[index];
  if (!step || step.type === 'exit') return null;
  if (step.type !== 'branch') return index + 1;
  return resolveStepTarget(definition, conditionHolds ? step.then : step.else);
}
