import { type LeadFieldsInput, normalizeEmail, normalizePhone, ZLeadFieldsInput } from '../../leads/index.ts';
import { isTimeZone, readCountry, readDomain, readLanguage } from './field-values.rules.ts';
import type { ColumnMapping, ImportTarget } from './header-mapping.rules.ts';

/** Why a row was rejected, for one line of the error report. */
export interface RowIssue {
  /** Header of the offending column; '' when the problem is the row as a whole. */
  column: string;
  reason: string;
  value: string;
}

export interface LeadRowValues {
  fields: LeadFieldsInput;
  touch: { source: string; utm?: Record<string, string>; referrer?: string };
}

export type RowReading = { isValid: true; lead: LeadRowValues } | { isValid: false; issues: RowIssue[] };

type AttributeValue = string | number | boolean | null;

const FIELD_LIMITS: Partial<Record<ImportTarget, number>> = {
  source: 100,
  utmSource: 200,
  utmMedium: 200,
  utmCampaign: 200,
  utmTerm: 200,
  utmContent: 200,
  referrer: 2000,
};
const MAX_ATTRIBUTE_VALUE = 2000;

/** Zod issue path → the import target it came from (`company.name` → companyName). */
function targetOfPath(path: readonly PropertyKey[]): ImportTarget | 'attributes' | null {
  const [head, second] = path;
  if (head === 'company' && typeof second === 'string') {
    return `company${second[0]!.toUpperCase()}${second.slice(1)}` as ImportTarget;
  }
  return typeof head === 'string' ? (head as ImportTarget) : null;
}

function parseAttributesJson(text: string): Record<string, AttributeValue> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const result: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(parsed)) {
    result[key] =
      value === null || ['string', 'number', 'boolean'].includes(typeof value)
        ? (value as AttributeValue)
        : JSON.stringify(value);
  }
  return result;
}

/**
 * One CSV record → the fields of a capture, or every problem found in it. Empty cells are absent
 * values. Identities are normalised here so a bad email or phone is a rejected row, never a failed
 * database write; the lead fields then pass the same schema as the REST API.
 */
export function readLeadRow(
  cells: readonly string[],
  mapping: ColumnMapping,
  options: { defaultCountry: string; source: string },
): RowReading {
  const issues: RowIssue[] = [];
  const values = new Map<ImportTarget, string>();
  const headerOf = new Map<string, string>();
  const attributes: Record<string, AttributeValue> = {};
  const columnCount = mapping.columns.length;

  const extra = cells.slice(columnCount).filter((cell) => cell.trim() !== '');
  if (extra.length > 0) {
    issues.push({
      column: '',
      reason: `the row has ${cells.length} cells but the header has ${columnCount} columns`,
      value: extra.join(' | '),
    });
  }

  mapping.columns.forEach(({ header, target }, index) => {
    // NUL characters cannot be stored in PostgreSQL text: drop them rather than fail the write.
    const value = (cells[index] ?? '').replaceAll('\u0000', '').trim();
    if (value === '' || target.kind === 'ignore') return;
    if (target.kind === 'attribute') {
      if (value.length > MAX_ATTRIBUTE_VALUE) {
        issues.push({ column: header, reason: `longer than ${MAX_ATTRIBUTE_VALUE} characters`, value });
      } else {
        attributes[target.key] = value;
        headerOf.set(`attributes.${target.key}`, header);
      }
    } else if (target.field === 'attributes') {
      const parsed = parseAttributesJson(value);
      if (!parsed) issues.push({ column: header, reason: 'not a JSON object', value });
      else {
        Object.assign(attributes, parsed);
        for (const key of Object.keys(parsed)) headerOf.set(`attributes.${key}`, header);
      }
    } else {
      values.set(target.field, value);
      headerOf.set(target.field, header);
    }
  });

  const take = <T>(field: ImportTarget, read: (value: string) => T | null, reason: string): T | undefined => {
    const value = values.get(field);
    if (value === undefined) return undefined;
    const result = read(value);
    if (result === null) issues.push({ column: headerOf.get(field) ?? field, reason, value });
    return result ?? undefined;
  };
  const fail = (field: ImportTarget, error: unknown) =>
    issues.push({
      column: headerOf.get(field) ?? field,
      reason: error instanceof Error ? error.message : String(error),
      value: values.get(field) ?? '',
    });

  const country = take('country', readCountry, 'not a country name or ISO code such as FR');
  const language = take('language', readLanguage, 'not a supported language (fr or en)');
  const domain = take('companyDomain', readDomain, 'not a website or domain such as acme.fr');
  const timezone = take('timezone', (value) => (isTimeZone(value) ? value : null), 'not an IANA time zone');
  for (const [field, limit] of Object.entries(FIELD_LIMITS) as [ImportTarget, number][]) {
    take(field, (value) => (value.length <= limit ? value : null), `longer than ${limit} characters`);
  }

  let email: string | undefined;
  let phone: string | undefined;
  const rawEmail = values.get('email');
  const rawPhone = values.get('phone');
  try {
    if (rawEmail !== undefined) email = normalizeEmail(rawEmail);
  } catch (error) {
    fail('email', error);
  }
  try {
    if (rawPhone !== undefined) phone = normalizePhone(rawPhone, country ?? options.defaultCountry);
  } catch (error) {
    fail('phone', error);
  }
  const whatsappId = values.get('whatsappId');
  if (rawEmail === undefined && rawPhone === undefined && whatsappId === undefined) {
    issues.push({
      column: '',
      reason: 'no identity: the row needs an email, a phone or a WhatsApp id',
      value: '',
    });
  }

  const company = {
    name: values.get('companyName'),
    domain,
    size: values.get('companySize'),
    industry: values.get('companyIndustry'),
  };
  const hasCompany = Object.values(company).some((value) => value !== undefined);
  const candidate = {
    email,
    phone,
    whatsappId,
    firstName: values.get('firstName'),
    lastName: values.get('lastName'),
    jobTitle: values.get('jobTitle'),
    language,
    country,
    timezone,
    ...(hasCompany ? { company } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
  const parsed = ZLeadFieldsInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const target = targetOfPath(issue.path);
      const key = target === 'attributes' ? `attributes.${String(issue.path[1] ?? '')}` : target;
      const column = (key && headerOf.get(key)) ?? '';
      const value = target && target !== 'attributes' ? (values.get(target) ?? '') : '';
      // Email and phone problems were reported above with a clearer message.
      if (!issues.some((known) => known.column === column && column !== '')) {
        issues.push({ column, reason: issue.message, value });
      }
    }
  }
  if (issues.length > 0 || !parsed.success) return { isValid: false, issues };

  const utm: Record<string, string> = {};
  for (const part of ['Source', 'Medium', 'Campaign', 'Term', 'Content'] as const) {
    const value = values.get(`utm${part}`);
    if (value !== undefined) utm[part.toLowerCase()] = value;
  }
  const referrer = values.get('referrer');
  return {
    isValid: true,
    lead: {
      fields: parsed.data,
      touch: {
        source: values.get('source') ?? options.source,
        ...(Object.keys(utm).length > 0 ? { utm } : {}),
        ...(referrer !== undefined ? { referrer } : {}),
      },
    },
  };
}
