import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../errors.ts';

export interface TextProblem {
  path: string;
  message: string;
}

const NUL_MESSAGE = 'contains a NUL character (\\u0000), which cannot be stored';
const SURROGATE_MESSAGE = 'contains an unpaired UTF-16 surrogate (not valid Unicode)';

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  if (!text.isWellFormed()) return SURROGATE_MESSAGE;
  return null;
}

/**
 * First string (value or key) PostgreSQL cannot store: text and jsonb refuse U+0000 and jsonb refuses
 * unpaired surrogates (`"\ud800"`), so such input would otherwise fail inside a query as a 500.
 * Iterative, because bodies may nest thousands of levels deep.
 */
export function findUnstorableText(value: unknown, root: string): TextProblem | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const message = problemOf(current);
      if (message) return { path, message };
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => {
        stack.push({ value: item, path: `${path}.${index}` });
      });
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        const message = problemOf(key);
        if (message) return { path: `${path}.${key.replaceAll('\u0000', '\\u0000')}`, message: `key ${message}` };
        stack.push({ value: item, path: `${path}.${key}` });
      }
    }
  }
  return null;
}

/** Refuses requests whose params, query or body hold text the database cannot store (400 VALIDATION_FAILED). */
export function installStorableTextGuard(app: FastifyInstance): void {
  // preValidation: after parsing, before any route hook or handler can send the text to the database.
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [part, value] of parts) {
      const problem = findUnstorableText(value, part);
      if (problem) throw new ValidationError(`Invalid request ${part}`, [problem]);
    }
  });
}
