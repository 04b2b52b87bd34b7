import { type FormRouting, formFieldsTestedBy } from './form-routing.schemas.ts';
import type { FormProblem } from './forms.errors.ts';
import type { FormConsentInput, FormFieldInput } from './forms.schemas.ts';

/** Body keys the public endpoint reads for itself (attribution), so no field may take them. */
export const RESERVED_SUBMISSION_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'referrer',
] as const;

const IDENTITY_FIELDS = new Set(['email', 'phone', 'whatsappId']);

export interface FormRulesInput {
  fields: FormFieldInput[];
  consents: FormConsentInput[];
  honeypotField: string;
  routing?: FormRouting | null;
}

/**
 * Problems a form definition has as a whole (shapes are checked by the schema). Run on create and on
 * the merged result of every edit, so a patch cannot leave a consent pointing at a removed field.
 */
export function findFormDefinitionProblems(form: FormRulesInput): FormProblem[] {
  const problems: FormProblem[] = [];
  const reserved = new Set<string>(RESERVED_SUBMISSION_KEYS);
  const seenNames = new Map<string, number>();
  const seenMapTo = new Map<string, string>();

  form.fields.forEach((field, index) => {
    const path = `fields[${index}]`;
    const lowerName = field.name.toLowerCase();
    if (seenNames.has(lowerName)) {
      problems.push({ field: `${path}.name`, message: `duplicate field name "${field.name}"` });
    }
    seenNames.set(lowerName, index);
    if (reserved.has(lowerName)) {
      problems.push({
        field: `${path}.name`,
        message: `"${field.name}" is read from every submission for attribution; choose another name`,
      });
    }
    if (lowerName === form.honeypotField.toLowerCase()) {
      problems.push({
        field: `${path}.name`,
        message: `"${field.name}" is the honeypot field (left empty by people); rename the field or the honeypot`,
      });
    }
    if (field.type === 'select' && !field.options) {
      problems.push({ field: `${path}.options`, message: `select field "${field.name}" needs options` });
    }
    if (field.type !== 'select' && field.options) {
      problems.push({
        field: `${path}.options`,
        message: `only select fields have options ("${field.name}")`,
      });
    }
    if (field.options && new Set(field.options).size !== field.options.length) {
      problems.push({ field: `${path}.options`, message: `field "${field.name}" repeats an option` });
    }
    if (field.mapTo) {
      if (field.type === 'checkbox') {
        problems.push({
          field: `${path}.mapTo`,
          message: `checkbox "${field.name}" cannot fill lead field ${field.mapTo}`,
        });
      }
      const other = seenMapTo.get(field.mapTo);
      if (other) {
        problems.push({
          field: `${path}.mapTo`,
          message: `"${field.name}" and "${other}" both fill lead field ${field.mapTo}`,
        });
      }
      seenMapTo.set(field.mapTo, field.name);
    }
  });

  if (!form.fields.some((field) => field.mapTo && IDENTITY_FIELDS.has(field.mapTo))) {
    problems.push({
      field: 'fields',
      message: 'at least one field must map to email, phone or whatsappId, or no lead can be identified',
    });
  }
  if (reserved.has(form.honeypotField.toLowerCase())) {
    problems.push({ field: 'honeypotField', message: `"${form.honeypotField}" is a reserved name` });
  }

  const seenConsents = new Set<string>();
  form.consents.forEach((consent, index) => {
    const path = `consents[${index}]`;
    const field = form.fields.find((candidate) => candidate.name === consent.field);
    if (!field) {
      problems.push({
        field: `${path}.field`,
        message: `consent refers to unknown field "${consent.field}"`,
      });
    } else if (field.type !== 'checkbox') {
      problems.push({
        field: `${path}.field`,
        message: `consent field "${consent.field}" must be a checkbox, not ${field.type}`,
      });
    }
    const pair = `${consent.purpose}/${consent.channel}`;
    if (seenConsents.has(pair)) {
      problems.push({ field: path, message: `consent ${pair} appears twice` });
    }
    seenConsents.add(pair);
  });

  // An ending testing a field the form does not have would never hold: a typo to report, not to ignore.
  const names = new Set(form.fields.map((field) => field.name));
  form.routing?.endings.forEach((ending, index) => {
    for (const name of new Set(formFieldsTestedBy(ending.when))) {
      if (!names.has(name))
        problems.push({
          field: `routing.endings[${index}].when`,
          message: `form.${name} is not a field of this form`,
        });
    }
  });
  return problems;
}
