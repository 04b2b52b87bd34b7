import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatDefinitionErrors, formatPath, issuesToErrors } from './definition-errors.rules.ts';

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['steps', 3, 'if', 'all', 0, 'score'])).toBe('steps[3].if.all[0].score');
    expect(formatPath([])).toBe('');
  });
});

describe('issuesToErrors', () => {
  const schema = z
    .object({
      kind: z.enum(['a', 'b']),
      count: z.number().int(),
      target: z.union([z.number(), z.string()]),
      values: z.union([z.literal('one'), z.array(z.literal('one'))]),
    })
    .strict();
  const errorsOf = (input: unknown) => {
    const parsed = schema.safeParse(input, { reportInput: true });
    return parsed.success
      ? []
      : formatDefinitionErrors(issuesToErrors(parsed.error.issues, input, () => undefined));
  };

  it('rewrites types, options, unknown keys and unions in plain words', () => {
    expect(errorsOf({ kind: 'c', count: 1.5, target: null, values: ['two'], extra: 1 })).toEqual([
      'kind: expected one of "a", "b", got "c"',
      'count: expected an integer, got 1.5',
      'target: expected a number or a string, got null',
      'values[0]: expected "one", got "two"',
      'extra: unknown key',
    ]);
    expect(errorsOf({ target: 1, values: 'one' })).toEqual([
      'kind: required (one of "a", "b")',
      'count: required',
    ]);
  });

  it('keeps the messages a schema sets', () => {
    const custom = z.object({ name: z.string().min(1, 'must not be empty') });
    const parsed = custom.safeParse({ name: '' }, { reportInput: true });
    expect(parsed.success ? [] : issuesToErrors(parsed.error.issues, { name: '' }, () => undefined)).toEqual([
      { path: 'name', message: 'must not be empty' },
    ]);
  });
});
