import { truncateText } from '../../platform/text.ts';
import { type LeadFieldsInput, ZLeadFieldsInput } from '../leads/index.ts';
import type { ConsentInput } from '../privacy/index.ts';
import type { FormConsentDefinition, FormFieldDefinition } from './capture.tables.ts';
import { type BantFormTarget, type FormBantAnswer, readFormBantAnswer } from './form-bant.rules.ts';
import { RESERVED_SUBMISSION_KEYS } from './form-definition.rules.ts';
import { type FormProblem, formErrors } from './forms.errors.ts';
import type { FormSubmissionBody } from './forms.schemas.ts';

export interface SubmittedForm {
  fields: FormFieldDefinition[];
  consents: FormConsentDefinition[];
  honeypotField: string;
}

export type Answer = string | boolean;

export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

export interface MappedSubmission {
  /** Lead fields, normalised by the lead schema; unmapped answers are in `attributes`. */
  fields: LeadFieldsInput;
  consents: ConsentInput[];
  /** Answers to the form's own fields only (unknown keys are dropped), as stored on the event. */
  answers: Record<string, Answer>;
  utm?: Utm;
  referrer?: string;
  bant: FormBantAnswer[];
}

// Lead attributes hold at most 2000 characters per value.
const MAX_ANSWER_LENGTH = 2000;
const MAX_UTM_LENGTH = 200;
const MAX_REFERRER_LENGTH = 2000;
const CHECKED_VALUES = new Set(['on', 'true', '1', 'yes', 'oui', 'checked']);

type RawAnswer = FormSubmissionBody[string] | undefined;

/** Unmapped answers land in lead attributes under `form_<field name>`, apart from keys set by the API. */
export function attributeKeyFor(fieldName: string): string {
  return `form_${fieldName}`;
}

/** A bot filled the field people never see (hidden by CSS). */
export function isHoneypotFilled(honeypotField: string, body: FormSubmissionBody): boolean {
  return textOf(body[honeypotField]) !== undefined;
}

/** Browsers send "on" for a ticked box and nothing for an empty one; scripts send booleans. */
export function isChecked(value: RawAnswer): boolean {
  if (Array.isArray(value)) return value.some((item) => isChecked(item));
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return CHECKED_VALUES.has(value.trim().toLowerCase());
  return false;
}

/** The trimmed text of an answer; repeated values are joined; empty means unanswered. */
function textOf(value: RawAnswer): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((item) => textOf(item)).filter((item) => item !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function valuesOf(value: RawAnswer): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => textOf(item)).filter((item) => item !== undefined);
}

function setLeadField(target: Record<string, unknown>, mapTo: string, value: string): void {
  if (mapTo.startsWith('company.')) {
    const company = (target.company ?? {}) as Record<string, unknown>;
    company[mapTo.slice('company.'.length)] = value;
    target.company = company;
    return;
  }
  // The lead schema knows languages in lower case ("FR" typed in a field is still French).
  target[mapTo] = mapTo === 'language' ? value.toLowerCase() : value;
}

/** Names the form field behind a lead-schema issue path (`company.name` → the field mapped there). */
function fieldNameForIssue(form: SubmittedForm, path: PropertyKey[]): string {
  const [head, second] = path.map(String);
  if (head === 'attributes' && second) return second.replace(/^form_/, '');
  const mapTo = head === 'company' && second ? `company.${second}` : head;
  return form.fields.find((field) => field.mapTo === mapTo)?.name ?? String(mapTo);
}

function readAttribution(
  body: FormSubmissionBody,
  query: Record<string, unknown>,
  refererHeader: string | undefined,
): Pick<MappedSubmission, 'utm' | 'referrer'> {
  const utm: Utm = {};
  for (const key of RESERVED_SUBMISSION_KEYS) {
    if (key === 'referrer') continue;
    const fromQuery = query[key];
    const value = textOf(body[key]) ?? (typeof fromQuery === 'string' ? textOf(fromQuery) : undefined);
    if (value) utm[key.slice('utm_'.length) as keyof Utm] = truncateText(value, MAX_UTM_LENGTH);
  }
  // The page may pass document.referrer (where the visitor came from); the header is the page itself.
  const referrer = textOf(body.referrer) ?? textOf(refererHeader);
  return {
    ...(Object.keys(utm).length > 0 ? { utm } : {}),
    ...(referrer ? { referrer: truncateText(referrer, MAX_REFERRER_LENGTH) } : {}),
  };
}

/**
 * Turns a public submission into a lead capture: mapped answers fill lead fields, the others go to
 * attributes, ticked consent boxes become ledger rows carrying the exact text shown. Throws
 * FORM_FIELD_REQUIRED, then FORM_CONSENT_REQUIRED, then FORM_FIELD_INVALID, so people fix one kind
 * of mistake at a time. The honeypot is the caller's concern (checked before anything else).
 */
export function mapSubmission(
  form: SubmittedForm,
  body: FormSubmissionBody,
  context: { query?: Record<string, unknown>; refererHeader?: string } = {},
): MappedSubmission {
  const consentFields = new Set(form.consents.map((consent) => consent.field));
  const answers: Record<string, Answer> = {};
  const missing: string[] = [];
  const invalid: FormProblem[] = [];
  const bant: FormBantAnswer[] = [];
  const lead: Record<string, unknown> = {};
  const attributes: Record<string, Answer> = {};

  for (const field of form.fields) {
    const raw = body[field.name];
    if ((field.type ?? 'text') === 'checkbox') {
      const checked = isChecked(raw);
      answers[field.name] = checked;
      if (consentFields.has(field.name)) continue;
      if (field.required && !checked) missing.push(field.name);
      attributes[attributeKeyFor(field.name)] = checked;
      continue;
    }
    const text = textOf(raw);
    if (text === undefined) {
      if (field.required) missing.push(field.name);
      continue;
    }
    answers[field.name] = text;
    if (text.length > MAX_ANSWER_LENGTH) {
      invalid.push({ field: field.name, message: `at most ${MAX_ANSWER_LENGTH} characters` });
      continue;
    }
    const unknownOption = field.options && valuesOf(raw).find((value) => !field.options?.includes(value));
    if (unknownOption) {
      invalid.push({ field: field.name, message: `"${unknownOption}" is not one of the options` });
      continue;
    }
    if (field.mapTo?.startsWith('bant.')) {
      const answer = readFormBantAnswer(field.mapTo as BantFormTarget, field.name, text);
      if (answer) bant.push(answer);
      else invalid.push({ field: field.name, message: `"${text}" cannot be read as ${field.mapTo}` });
    } else if (field.mapTo) setLeadField(lead, field.mapTo, text);
    else attributes[attributeKeyFor(field.name)] = text;
  }
  if (missing.length > 0) throw formErrors.fieldRequired(missing);

  const consents: ConsentInput[] = [];
  const refused: string[] = [];
  for (const consent of form.consents) {
    const field = form.fields.find((candidate) => candidate.name === consent.field);
    if (isChecked(body[consent.field])) {
      consents.push({
        purpose: consent.purpose,
        channel: consent.channel as ConsentInput['channel'],
        granted: true,
        text: consent.text,
      });
    } else if (consent.required || field?.required) {
      if (!refused.includes(consent.field)) refused.push(consent.field);
    }
    // An optional box left empty records nothing: not opting in here is not withdrawing an earlier yes.
  }
  if (refused.length > 0) throw formErrors.consentRequired(refused);

  const parsed = ZLeadFieldsInput.safeParse({ ...lead, attributes });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      invalid.push({ field: fieldNameForIssue(form, issue.path), message: issue.message });
    }
  }
  if (invalid.length > 0 || !parsed.success) throw formErrors.fieldInvalid(invalid);

  return {
    fields: parsed.data,
    consents,
    answers,
    bant,
    ...readAttribution(body, context.query ?? {}, context.refererHeader),
  };
}

/**
 * The origin to echo in Access-Control-Allow-Origin, or null: only origins the form lists get CORS
 * (an empty list means the form is posted from its own origin or as a plain HTML form, which needs none).
 */
export function allowedOriginFor(allowedOrigins: string[], originHeader: string | undefined): string | null {
  if (!originHeader || originHeader === 'null') return null;
  let origin: string;
  try {
    origin = new URL(originHeader).origin;
  } catch {
    return null;
  }
  return allowedOrigins.includes(origin) ? origin : null;
}
