import type { ConditionScalar } from './routing-condition.schemas.ts';

/** Compared text: trimmed, lower-case, without accents ("  Santé " = "sante"). */
export function foldText(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

// "1 000" / "1,000" / "12,345.6" (grouped thousands) or "1.5" / "1,5" (a comma before other than three
// digits is a decimal comma).
const LEADING_NUMBER = /^([+-]?)(?:(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?)|(\d+(?:[.,]\d+)?))/;
// What may follow the lower bound of a range: "50-200", "50 – 200", "1000+", "10 to 50", "10 à 50".
const RANGE_TAIL = /^(?:[-–—+]|\.\.|(?:to|à|a)\s)/i;

/**
 * A number read from a value: numbers as they are, numeric text ("120", "1 000", "2,5"); with
 * `lowerBound`, a range's lower bound too ("50-200" → 50, "1000+" → 1000). Anything else is null.
 */
export function readNumber(value: unknown, mode: 'exact' | 'lowerBound'): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const match = LEADING_NUMBER.exec(text);
  if (!match) return null;
  const rest = text.slice(match[0].length).trim();
  if (rest !== '' && (mode === 'exact' || !RANGE_TAIL.test(rest))) return null;
  const digits =
    match[2] !== undefined ? match[2].replace(/[ ,\u00a0\u202f]/g, '') : match[3]!.replace(',', '.');
  const number = Number(`${match[1]}${digits}`);
  return Number.isFinite(number) ? number : null;
}

const TRUE_TEXTS = new Set(['true', 'yes', 'oui', 'on', '1', 'checked']);
const FALSE_TEXTS = new Set(['false', 'no', 'non', 'off', '0', 'unchecked']);

/** true/false as they are, or from "yes"/"oui"/"on"/"1" and "no"/"non"/"off"/"0"; else null. */
export function readBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const text = foldText(value);
  return TRUE_TEXTS.has(text) ? true : FALSE_TEXTS.has(text) ? false : null;
}

/** A list answer (several ticked options) is tested item by item. */
export function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Whether a value holds something: not null, not blank text, not an empty list. */
export function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(isPresent);
  return true;
}

/** `eq` between a fact and a condition value, by the condition value's type. */
export function isEqual(actual: unknown, expected: ConditionScalar): boolean {
  return itemsOf(actual).some((item) => {
    if (item === null || item === undefined) return false;
    if (typeof expected === 'number') return readNumber(item, 'exact') === expected;
    if (typeof expected === 'boolean') return readBoolean(item) === expected;
    if (typeof item === 'string') return foldText(item) === foldText(expected);
    if (typeof item === 'number') return readNumber(expected, 'exact') === item;
    if (typeof item === 'boolean') return readBoolean(expected) === item;
    return false;
  });
}

/** `contains`: folded text inclusion; numbers are read as their text. */
export function containsText(actual: unknown, needle: string): boolean {
  const folded = foldText(needle);
  return itemsOf(actual).some(
    (item) =>
      (typeof item === 'string' || typeof item === 'number') && foldText(String(item)).includes(folded),
  );
}

const MAX_SHOWN = 80;

/** A value as an explanation shows it: `"acme.fr"`, `120`, `["FR", "BE"]`, `empty`. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(showValue).join(', ')}]`;
  return 'an object';
}
