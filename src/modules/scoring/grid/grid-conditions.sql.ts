import { type SQL, sql } from 'drizzle-orm';
import type { FIT_FIELDS, FitCondition, PropertyFilter, ScoringSettings } from './grid.schemas.ts';
import { ACCENTED, FREE_EMAIL_DOMAINS, foldText, UNACCENTED } from './text-folding.ts';

// SQL twins of the TypeScript engine's predicates (grid.engine.ts). User values always travel as
// bound parameters; only program constants (the accent table, whitespace, column names) are inlined.

/** The characters String.prototype.trim and the regex `\s` treat as white space (WhiteSpace + LineTerminator). */
export const JS_WHITESPACE =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const hex4 = (char: string) => char.codePointAt(0)!.toString(16).padStart(4, '0');
// U&'…' literals spell every character as an escape: no quote can reach the SQL text.
const unicodeLiteral = (text: string) =>
  sql.raw(`U&'${[...text].map((char) => `\\${hex4(char)}`).join('')}'`);

const WHITESPACE_LITERAL = unicodeLiteral(JS_WHITESPACE);
const ACCENTED_LITERAL = unicodeLiteral(ACCENTED);
const UNACCENTED_LITERAL = unicodeLiteral(UNACCENTED);
// parseEmployeeCount drops /[\s\u00a0.]/ before taking the first run of digits.
const EMPLOYEE_NOISE_PATTERN = sql.raw(
  `'[${[...JS_WHITESPACE].map((char) => `\\u${hex4(char)}`).join('')}.]'`,
);

/** foldText in SQL: trim the same white space as JS, lower-case, drop the same accents. */
export function foldSql(value: SQL): SQL {
  return sql`translate(lower(btrim(${value}, ${WHITESPACE_LITERAL})), ${ACCENTED_LITERAL}, ${UNACCENTED_LITERAL})`;
}

/** Math.round(value * 100) / 100 exactly as JS rounds (halves toward +∞), in double precision. */
export function round2Sql(value: SQL): SQL {
  const scaled = sql`((${value}) * 100::float8)`;
  return sql`((ceil(${scaled}) - CASE WHEN ceil(${scaled}) - 0.5::float8 > ${scaled} THEN 1::float8 ELSE 0::float8 END) / 100::float8)`;
}

export const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

const COLUMN_OF: Record<(typeof FIT_FIELDS)[number], string> = {
  jobTitle: 'job_title',
  companySize: 'company_size',
  companyIndustry: 'company_industry',
  companyDomain: 'company_domain',
  companyName: 'company_name',
  country: 'country',
  language: 'language',
  email: 'email',
  source: 'source',
};

/** readField: the lead field or `attributes.<name>`, null when absent or empty. Reads the `leads l` row. */
function readFieldSql(field: string): SQL {
  if (field.startsWith('attributes.'))
    return sql`nullif(l.attributes ->> ${field.slice('attributes.'.length)}::text, '')`;
  const column = COLUMN_OF[field as keyof typeof COLUMN_OF];
  if (!column) throw new Error(`Unknown lead field ${field}`);
  return sql.raw(`nullif(l.${column}, '')`);
}

/**
 * The per-lead values fit conditions read, each computed once per lead as a column of the scoped
 * leads (`f.cN`), however many rules read it.
 */
export class LeadFactColumns {
  readonly selections: SQL[] = [];
  private readonly references = new Map<string, SQL>();

  private column(key: string, expression: () => SQL): SQL {
    const existing = this.references.get(key);
    if (existing) return existing;
    const alias = `c${this.selections.length}`;
    this.selections.push(sql`${expression()} AS ${sql.raw(alias)}`);
    const reference = sql.raw(`f.${alias}`);
    this.references.set(key, reference);
    return reference;
  }

  raw(field: string): SQL {
    return this.column(`raw:${field}`, () => readFieldSql(field));
  }

  folded(field: string): SQL {
    return this.column(`folded:${field}`, () => foldSql(readFieldSql(field)));
  }

  employeeCount(): SQL {
    return this.column(
      'employees',
      () =>
        sql`substring(regexp_replace(l.company_size, ${EMPLOYEE_NOISE_PATTERN}, '', 'g') from '[0-9]+')::numeric`,
    );
  }

  isFreeEmail(): SQL {
    return this.column(
      'free-email',
      () => sql`coalesce(lower(split_part(l.email, '@', 2)) = ANY(${textArray(FREE_EMAIL_DOMAINS)}), false)`,
    );
  }
}

function inRangesSql(facts: LeadFactColumns, ranges: readonly { min: number; max: number | null }[]): SQL {
  const count = facts.employeeCount();
  const tests = ranges.map((range) =>
    range.max === null
      ? sql`${count} >= ${range.min}::numeric`
      : sql`(${count} >= ${range.min}::numeric AND ${count} <= ${range.max}::numeric)`,
  );
  return sql`coalesce(${sql.join(tests, sql` OR `)}, false)`;
}

function containsAnySql(facts: LeadFactColumns, field: string, keywords: readonly string[]): SQL {
  const folded = keywords.map(foldText).filter((keyword) => keyword.length > 0);
  if (folded.length === 0) return sql`false`;
  const text = facts.folded(field);
  // strpos, not LIKE: a keyword's % or _ are plain characters, as in String.includes.
  return sql`coalesce(${sql.join(
    folded.map((keyword) => sql`strpos(${text}, ${keyword}::text) > 0`),
    sql` OR `,
  )}, false)`;
}

function inSetSql(facts: LeadFactColumns, field: string, values: readonly string[]): SQL {
  return sql`coalesce(${facts.folded(field)} = ANY(${textArray(values.map(foldText))}), false)`;
}

/** A boolean SQL expression over the scoped lead `f` matching compileFitCondition. */
export function fitConditionSql(
  condition: FitCondition,
  settings: ScoringSettings,
  facts: LeadFactColumns,
): SQL {
  const icp = settings.icp;
  switch (condition.op) {
    case 'equals':
      return inSetSql(facts, condition.field, [condition.value]);
    case 'in':
      return inSetSql(facts, condition.field, condition.values);
    case 'not_in':
      return sql`(${facts.raw(condition.field)} IS NOT NULL AND NOT ${inSetSql(facts, condition.field, condition.values)})`;
    case 'contains_any':
      return containsAnySql(facts, condition.field, condition.values);
    case 'exists':
      return sql`(${facts.raw(condition.field)} IS NOT NULL)`;
    case 'missing':
      return sql`(${facts.raw(condition.field)} IS NULL)`;
    case 'employees_between':
      return inRangesSql(facts, [{ min: condition.min, max: condition.max }]);
    case 'free_email_domain':
      return facts.isFreeEmail();
    case 'icp_persona':
      return icp.personas.length ? containsAnySql(facts, 'jobTitle', icp.personas) : sql`false`;
    case 'icp_company_size':
      return icp.companySizes.length ? inRangesSql(facts, icp.companySizes) : sql`false`;
    case 'icp_industry':
      return icp.industries.length ? inSetSql(facts, 'companyIndustry', icp.industries) : sql`false`;
    case 'icp_country':
      return icp.countries.length ? inSetSql(facts, 'country', icp.countries) : sql`false`;
  }
}

/** A boolean SQL expression over the event `e` matching compileFilter (properties ->> name). */
export function propertyFilterSql(filter: PropertyFilter): SQL {
  const raw = sql`(e.properties ->> ${filter.property}::text)`;
  const expected = filter.value === undefined ? '' : foldText(filter.value);
  switch (filter.op) {
    case 'exists':
      return sql`coalesce(${raw} <> '', false)`;
    case 'is_true':
      return sql`coalesce((e.properties -> ${filter.property}::text) IN ('true'::jsonb, '"true"'::jsonb), false)`;
    case 'equals':
      return sql`coalesce(${foldSql(raw)} = ${expected}::text, false)`;
    case 'contains':
      return sql`coalesce(strpos(${foldSql(raw)}, ${expected}::text) > 0, false)`;
  }
}
