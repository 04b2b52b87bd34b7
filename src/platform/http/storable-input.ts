import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../errors.ts';

export interface InputProblem {
  path: string;
  message: string;
}

/** Deeper JSON is never a real payload, and recursive code (JSON.stringify, serializers) overflows on it. */
export const MAX_NESTING_DEPTH = 64;

const NUL_MESSAGE = 'contains a NUL character (\\u0000), which cannot be stored';
const SURROGATE_MESSAGE = 'contains an unpaired UTF-16 surrogate (not valid Unicode)';

function textProblemOf(text: string): string | null {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  if (!text.isWellFormed()) return SURROGATE_MESSAGE;
  return null;
}

/**
 * First part of a parsed request the database or the code after it cannot take: text and jsonb refuse
 * U+0000, jsonb refuses unpaired surrogates (`"\ud800"`), and deep nesting exhausts the stack — each
 * would otherwise fail deep inside a handler as a 500. Iterative, so any depth can be inspected.
 */
export function findUnstorableInput(value: unknown, root: string): InputProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const message = textProblemOf(current);
      if (message) return { path, message };
      continue;
    }
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      return { path, message: `nests deeper than ${MAX_NESTING_DEPTH} levels` };
    }
    for (const [key, item] of Object.entries(current)) {
      const message = Array.isArray(current) ? null : textProblemOf(key);
      if (message) return { path, message: `has a key that ${message}` };
      stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/** Refuses requests whose params, query or body hold input the database cannot store (400 VALIDATION_FAILED). */
export function installStorableInputGuard(app: FastifyInstance): void {
  // preValidation: after parsing, before any route hook, validation or handler sees the input.
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [part, value] of parts) {
      const problem = findUnstorableInput(value, part);
      if (problem) throw new ValidationError(`Invalid request ${part}`, [problem]);
    }
  });
}

// PostgreSQL timestamps reach from 4713 BC, but ISO strings of years 0 and below or above 9999
// ("0000-…", "+010000-…") are refused when Drizzle sends them, so that is the accepted range.
const EARLIEST_STORABLE_MS = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST_STORABLE_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether a client-supplied instant (ISO string or Date) can be stored and compared in a timestamp column. */
export function isStorableInstant(value: string | Date): boolean {
  const time = typeof value === 'string' ? Date.parse(value) : value.getTime();
  return !Number.isNaN(time) && time >= EARLIEST_STORABLE_MS && time <= LATEST_STORABLE_MS;
}
