import fc from 'fast-check';

/**
 * Generators of bad input for the fuzz tests (test/bad-input.int.test.ts): random values, nasty
 * strings, prototype keys, deep nesting, broken JSON text, and targeted mutations of a valid body.
 */

/** Marks where `toJsonText` writes `depth` nested arrays or objects (JSON.stringify would overflow the stack). */
export class DeepNesting {
  readonly depth: number;
  readonly kind: 'array' | 'object';
  constructor(depth: number, kind: 'array' | 'object') {
    this.depth = depth;
    this.kind = kind;
  }
}

/**
 * JSON text of a generated value; `__proto__` own keys are written as plain keys, like an attacker would.
 * A mutation can make a value contain itself: a repeated ancestor is written as null so the
 * serialiser cannot recurse forever (DeepNesting is the way to send deep documents).
 */
export function toJsonText(value: unknown, ancestors: Set<object> = new Set()): string {
  if (value instanceof DeepNesting) {
    return value.kind === 'array'
      ? '['.repeat(value.depth) + ']'.repeat(value.depth)
      : `${'{"a":'.repeat(value.depth)}0${'}'.repeat(value.depth)}`;
  }
  if (value !== null && typeof value === 'object') {
    if (ancestors.has(value) || ancestors.size > 500) return 'null';
    ancestors.add(value);
    try {
      if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? 'null' : toJsonText(item, ancestors))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const parts = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${toJsonText(record[key], ancestors)}`);
      return `{${parts.join(',')}}`;
    } finally {
      ancestors.delete(value);
    }
  }
  return JSON.stringify(value) ?? 'null';
}

/** Sets an own property even for `__proto__`, where plain assignment would change the prototype. */
export function defineKey(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const FIXED_NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFEFFbom',
  'e\u0301\u0301\u0301',
  '🔥😀👨‍👩‍👧',
  '\u202Egnp.exe',
  'مرحبا بالعالم',
  'שלום',
  '__proto__',
  'constructor',
  'NaN',
  '1e309',
  '-0',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  "'; DROP TABLE leads; --",
  '%00',
  '\\u0000',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '{{7*7}}',
  '12',
  '-1',
  '99999999999999999999999',
];

const hugeString = fc
  .constantFrom(101, 201, 254, 321, 1001, 2001, 5001, 16_385, 70_000)
  .chain((length) =>
    fc.constantFrom('x', 'é', '😀', '\u0000').map((unit) => unit.repeat(Math.ceil(length / unit.length))),
  );

/** Strings that break naive code: control and null characters, lone surrogates, RTL, emoji, huge. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FIXED_NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

const deepNesting = fc
  .tuple(fc.constantFrom(50, 500, 2_000, 6_000, 20_000, 200_000), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) => new DeepNesting(depth, kind as 'array' | 'object'));

const prototypeObject = fc
  .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.anything({ maxDepth: 1 }))
  .map(([key, value]) => {
    const object = {};
    defineKey(object, key, key === 'constructor' ? { prototype: { isAdmin: true } } : value);
    return object;
  });

/** Any value of the wrong kind: scalars, numbers as strings, arrays, objects, deep nesting, prototype keys. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 2 ** 53 + 1, 1e308)) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [null], [[]]) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: prototypeObject },
);

/** Keys no schema knows, prototype keys, and near-misses of real ones (case, spacing). */
export const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...PROTOTYPE_KEYS,
    'Email',
    'email ',
    'first_name',
    'id',
    'workspaceId',
    'ownerId',
    'score',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
);

export type PathSegment = string | number;

/**
 * Sets `value` at `path`, creating containers on the way (arrays for numeric segments, seeded
 * with `seedItem` so sibling fields stay valid); a scalar in the way is replaced.
 */
export function setAtPath(
  root: Record<string, unknown>,
  path: PathSegment[],
  value: unknown,
  seedItem: () => unknown = () => ({}),
): void {
  let current: Record<string | number, unknown> = root;
  path.forEach((segment, position) => {
    const key = String(segment);
    if (position === path.length - 1) {
      defineKey(current, key, value);
      return;
    }
    const next = path[position + 1];
    const existing = current[key];
    const isContainer = typeof next === 'number' ? Array.isArray(existing) : isPlainObject(existing);
    // Copy on the way down: generated values may be shared between runs and must not change.
    const copy = Array.isArray(existing) ? [...existing] : { ...(existing as object) };
    defineKey(current, key, isContainer ? copy : typeof next === 'number' ? [seedItem()] : {});
    const child = current[key] as Record<string | number, unknown>;
    if (Array.isArray(child)) while (child.length <= Number(next)) child.push(seedItem());
    current = child;
  });
}

export function deleteAtPath(root: Record<string, unknown>, path: PathSegment[]): void {
  let current: Record<string, unknown> = root;
  for (const segment of path.slice(0, -1)) {
    const child = current[String(segment)];
    if (!isPlainObject(child) && !Array.isArray(child)) return;
    const copy = Array.isArray(child) ? [...child] : { ...child };
    defineKey(current, String(segment), copy);
    current = copy as Record<string, unknown>;
  }
  if (isPlainObject(current)) delete current[String(path.at(-1))];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export type Mutation =
  | { kind: 'set'; path: PathSegment[]; value: unknown }
  | { kind: 'delete'; path: PathSegment[] }
  | { kind: 'unknown-key'; path: PathSegment[]; key: string; value: unknown }
  | { kind: 'replace-root'; value: unknown };

/**
 * Mutations of a valid body: a known field set to a targeted bad value or any nasty value, a field
 * removed, an unknown key added (at the root or inside a nested object), or the whole body replaced.
 */
export function mutationOf(
  targets: Record<string, fc.Arbitrary<unknown>>,
  nestedObjects: PathSegment[][] = [],
): fc.Arbitrary<Mutation> {
  const paths = Object.keys(targets);
  const fieldPath = (path: string): PathSegment[] =>
    path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...paths)
        .chain((path) =>
          fc
            .oneof({ weight: 3, arbitrary: targets[path]! }, { weight: 2, arbitrary: nastyValue })
            .map((value): Mutation => ({ kind: 'set', path: fieldPath(path), value })),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...paths)
        .map((path): Mutation => ({ kind: 'delete', path: fieldPath(path) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom([] as PathSegment[], ...nestedObjects), unknownKey, nastyValue)
        .map(([path, key, value]): Mutation => ({ kind: 'unknown-key', path, key, value })),
    },
    {
      weight: 1,
      arbitrary: nastyValue.map((value): Mutation => ({ kind: 'replace-root', value })),
    },
  );
}

/** Applies mutations in order to a copy of `body` (which stays unchanged); the result may be anything. */
export function applyMutations(
  body: Record<string, unknown>,
  mutations: Mutation[],
  seedItem?: () => unknown,
): unknown {
  // Shallow: setAtPath and deleteAtPath copy what they walk through (DeepNesting must survive).
  let result: unknown = { ...body };
  for (const mutation of mutations) {
    if (mutation.kind === 'replace-root') {
      result = mutation.value;
      continue;
    }
    if (!isPlainObject(result)) continue;
    if (mutation.kind === 'set') setAtPath(result, mutation.path, mutation.value, seedItem);
    else if (mutation.kind === 'delete') deleteAtPath(result, mutation.path);
    else setAtPath(result, [...mutation.path, mutation.key], mutation.value, seedItem);
  }
  return result;
}

/** Broken JSON text made from valid text: truncated, a character inserted or replaced, odd syntax. */
export function malformedJsonText(validText: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(validText, fc.nat())
      .map(([text, cut]) => text.slice(0, text.length > 1 ? cut % (text.length - 1) : 0)),
    fc
      .tuple(
        validText,
        fc.nat(),
        fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', "'", '\u0000', '\n', 'NaN', '//', '\uD800'),
      )
      .map(([text, at, insert]) => {
        const index = at % (text.length + 1);
        return text.slice(0, index) + insert + text.slice(index);
      }),
    validText.map((text) => `${text.slice(0, -1)},}`),
    validText.map((text) => `\uFEFF${text}`),
    validText.map((text) => `${text}${text}`),
    validText.map((text) => text.replaceAll('"', "'")),
    fc.constantFrom(
      '',
      ' ',
      'null',
      'true',
      '0',
      '"string"',
      '[]',
      '{',
      '}',
      '{"a":}',
      '{"a" 1}',
      '{,}',
      '[1,]',
      'undefined',
      'NaN',
      'Infinity',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '{"a":1}/* comment */',
      '\u0000',
    ),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.json({ maxDepth: 3 }),
  );
}

/** Content types a client may send by mistake (or on purpose); undefined sends none. */
export const oddContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  '',
  'text/plain',
  'text/html',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data; boundary=----x',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset="utf-8"',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/vnd.api+json',
  'application/jsonp',
  'json',
  '*/*',
  ';',
  'application/json, text/plain',
);

/** urlencoded text from pairs, with raw (unencoded) nasty text some of the time. */
export function urlencodedText(pairs: [string, string, boolean][]): string {
  return pairs
    .map(([key, value, isRaw]) => (isRaw ? `${key}=${value}` : `${safeEncode(key)}=${safeEncode(value)}`))
    .join('&');
}

// encodeURIComponent throws on lone surrogates; a client could still send their CESU-8 bytes.
function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}
