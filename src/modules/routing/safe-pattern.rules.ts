// The `matches` operator runs people's regular expressions on every routed lead. JavaScript's engine
// backtracks, so some patterns take exponential or high-polynomial time on a hostile value; no timeout
// exists, so risky shapes are refused up front and the tested text is capped.

export const MAX_PATTERN_LENGTH = 200;
/** `matches` tests this many leading characters of a value: enough for names, titles, e-mails, UTMs. */
export const MAX_MATCHED_TEXT = 320;
/** `*`, `+`, `{n,}`: two of them backtrack in O(n³) at worst, fast on MAX_MATCHED_TEXT characters. */
const MAX_OPEN_REPETITIONS = 2;
/** Every quantifier (`?` and `{n,m}` too) multiplies the paths to try. */
const MAX_QUANTIFIERS = 10;

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; reason: string };

interface Quantifier {
  /** Length of the quantifier text, lazy `?` included. */
  length: number;
  /** Repeats its atom more than once (`*`, `+`, `{2}`, `{1,3}`); `?` does not. */
  repeats: boolean;
  /** No upper bound: `*`, `+`, `{n,}`. */
  open: boolean;
}

function readQuantifier(pattern: string, at: number): Quantifier | null {
  const char = pattern[at];
  let length = 0;
  let repeats = false;
  let open = false;
  if (char === '*' || char === '+') {
    length = 1;
    repeats = true;
    open = true;
  } else if (char === '?') {
    length = 1;
  } else if (char === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    // A brace that is no quantifier is a literal outside unicode mode.
    if (!braces) return null;
    const min = Number(braces[1]);
    const max =
      braces[2] === undefined ? min : braces[3] === '' ? Number.POSITIVE_INFINITY : Number(braces[3]);
    length = braces[0].length;
    repeats = max > 1;
    open = max === Number.POSITIVE_INFINITY;
  } else {
    return null;
  }
  if (pattern[at + length] === '?') length++;
  return { length, repeats, open };
}

interface GroupScan {
  hasQuantifier: boolean;
  hasAlternation: boolean;
}

/** Why a pattern is refused, or null when it is safe to run (syntax is checked by compiling). */
function riskOf(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `at most ${MAX_PATTERN_LENGTH} characters`;
  const groups: GroupScan[] = [{ hasQuantifier: false, hasAlternation: false }];
  let closedGroup: GroupScan | null = null;
  let quantifiers = 0;
  let openRepetitions = 0;
  for (let at = 0; at < pattern.length; ) {
    const char = pattern[at]!;
    const current = groups[groups.length - 1]!;
    const quantifier = readQuantifier(pattern, at);
    if (quantifier) {
      quantifiers++;
      if (quantifier.open) openRepetitions++;
      // (a+)+ or (a|ab)* : the classic exponential backtracking shapes.
      if (quantifier.repeats && closedGroup && (closedGroup.hasQuantifier || closedGroup.hasAlternation)) {
        return 'a repeated group must not contain a quantifier or an alternative (such as (a+)+ or (a|b)*)';
      }
      current.hasQuantifier = true;
      closedGroup = null;
      at += quantifier.length;
      continue;
    }
    closedGroup = null;
    if (char === '\\') {
      const next = pattern[at + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'back-references are not supported';
      at += 2;
    } else if (char === '[') {
      at = endOfClass(pattern, at);
    } else if (char === '(') {
      groups.push({ hasQuantifier: false, hasAlternation: false });
      // Skip the group's kind, (?: (?= (?! (?<= (?<! (?<name>, so its `?` is not read as a quantifier.
      const kind = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)?/.exec(pattern.slice(at));
      at += kind ? kind[0].length : 1;
    } else if (char === ')') {
      const group = groups.length > 1 ? groups.pop()! : null;
      if (group) {
        const parent = groups[groups.length - 1]!;
        parent.hasQuantifier ||= group.hasQuantifier;
        parent.hasAlternation ||= group.hasAlternation;
        closedGroup = group;
      }
      at++;
    } else {
      if (char === '|') current.hasAlternation = true;
      at++;
    }
  }
  if (quantifiers > MAX_QUANTIFIERS) return `at most ${MAX_QUANTIFIERS} quantifiers`;
  if (openRepetitions > MAX_OPEN_REPETITIONS) {
    return `at most ${MAX_OPEN_REPETITIONS} open-ended repetitions (*, + or {n,})`;
  }
  return null;
}

/** The index after the character class opened at `start` (`]` right after `[` or `[^` is literal). */
function endOfClass(pattern: string, start: number): number {
  let at = start + 1;
  if (pattern[at] === '^') at++;
  if (pattern[at] === ']') at++;
  while (at < pattern.length && pattern[at] !== ']') at += pattern[at] === '\\' ? 2 : 1;
  return at + 1;
}

/** Compiles a `matches` pattern (case-insensitive) when it is valid and cannot backtrack for long. */
export function compileSafePattern(pattern: string): PatternCheck {
  const risk = riskOf(pattern);
  if (risk) return { ok: false, reason: risk };
  try {
    return { ok: true, regex: new RegExp(pattern, 'i') };
  } catch (error) {
    const detail =
      error instanceof SyntaxError ? error.message.replace(/^Invalid regular expression: /, '') : '';
    return { ok: false, reason: `not a valid regular expression${detail ? ` (${detail})` : ''}` };
  }
}

const compiled = new Map<string, PatternCheck>();
const MAX_CACHED_PATTERNS = 500;

/** compileSafePattern, remembered: the same rules run for every lead. */
export function cachedSafePattern(pattern: string): PatternCheck {
  const known = compiled.get(pattern);
  if (known) return known;
  const check = compileSafePattern(pattern);
  if (compiled.size >= MAX_CACHED_PATTERNS) compiled.clear();
  compiled.set(pattern, check);
  return check;
}

/** Whether the (safe) regex finds a match in the first MAX_MATCHED_TEXT characters of `text`. */
export function testSafePattern(regex: RegExp, text: string): boolean {
  // A regex without the g or y flag keeps no lastIndex state, so sharing the cached one is safe.
  return regex.test(text.slice(0, MAX_MATCHED_TEXT));
}
