import type { z } from 'zod';

/** One problem of a definition: where (`steps[3].duration`) and what (`invalid duration "3 jours"`). */
export interface DefinitionError {
  path: string;
  message: string;
}

export type DefinitionPath = readonly PropertyKey[];

/** `["steps", 3, "if", "all", 0]` → `steps[3].if.all[0]`. */
export function formatPath(path: DefinitionPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** `steps[3].duration: invalid duration "3 jours"`, one line per error. */
export function formatDefinitionErrors(errors: readonly DefinitionError[]): string[] {
  return errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message));
}

/** Picks the schema that a union member at `path` was meant to match (conditions choose by key). */
export type UnionResolver = (
  path: DefinitionPath,
  value: unknown,
) => { schema: z.ZodType } | { message: string } | undefined;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** The JSON type of a value, as a person reads it. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isInteger(value)) return `${value}`;
  return typeof value;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function valueAt(root: unknown, path: DefinitionPath): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Turns Zod issues (parsed with `reportInput: true`) into path-named errors. Messages set in the
 * schemas are kept; Zod's generic ones for types, options, unknown keys and unions are rewritten.
 */
export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  resolveUnion: UnionResolver,
  base: DefinitionPath = [],
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    const at = formatPath(path);
    switch (issue.code) {
      case 'invalid_type': {
        const value = valueAt(root, path);
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        errors.push({
          path: at,
          message: value === undefined ? 'required' : `expected ${expected}, got ${describeType(value)}`,
        });
        break;
      }
      case 'invalid_value': {
        const options = issue.values.map(quote);
        const value = valueAt(root, path);
        const got = value === undefined ? '' : `, got ${quote(value)}`;
        errors.push({
          path: at,
          message:
            value === undefined && options.length > 1
              ? `required (one of ${options.join(', ')})`
              : options.length === 1
                ? `expected ${options[0]}${got}`
                : `expected one of ${options.join(', ')}${got}`,
        });
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys)
          errors.push({ path: formatPath([...path, key]), message: 'unknown key' });
        break;
      case 'invalid_union':
        errors.push(...unionErrors(issue, path, root, resolveUnion));
        break;
      default:
        errors.push({ path: at, message: issue.message });
    }
  }
  return errors;
}

function unionErrors(
  issue: z.core.$ZodIssueInvalidUnion,
  path: DefinitionPath,
  root: unknown,
  resolveUnion: UnionResolver,
): DefinitionError[] {
  const at = formatPath(path);
  const value = valueAt(root, path);
  if (issue.discriminator !== undefined) {
    const options = ('options' in issue ? (issue.options ?? []) : []).map(String).join(', ');
    const what = issue.discriminator === 'type' ? 'step type' : path.includes('trigger') ? 'trigger' : 'goal';
    return [
      {
        path: at,
        message:
          value === undefined
            ? `required (one of ${options})`
            : `unknown ${what} ${quote(value)} (one of ${options})`,
      },
    ];
  }
  const resolved = resolveUnion(path, value);
  if (resolved && 'message' in resolved) return [{ path: at, message: resolved.message }];
  if (resolved) {
    const reparsed = resolved.schema.safeParse(value, { reportInput: true });
    return reparsed.success ? [] : issuesToErrors(reparsed.error.issues, root, resolveUnion, path);
  }
  if (issue.errors.length === 0) return [{ path: at, message: issue.message }];
  const rootTypeIssues = issue.errors.map((members) =>
    members.filter((member) => member.code === 'invalid_type' && member.path.length === 0),
  );
  if (rootTypeIssues.every((members) => members.length > 0)) {
    const expected = rootTypeIssues
      .flat()
      .map((member) => EXPECTED[(member as z.core.$ZodIssueInvalidType).expected] ?? 'something else');
    return [
      { path: at, message: `expected ${[...new Set(expected)].join(' or ')}, got ${describeType(value)}` },
    ];
  }
  // A value-or-list union and the like: report the member that got furthest (fewest problems at its root).
  const rootCount = (members: readonly z.core.$ZodIssue[]) =>
    members.filter((member) => member.path.length === 0).length;
  const best = issue.errors.reduce((chosen, members) =>
    rootCount(members) < rootCount(chosen) ? members : chosen,
  );
  return issuesToErrors(best, root, resolveUnion, path);
}
