import type { FormConsentDefinition, FormFieldDefinition } from './capture.tables.ts';
import { defaultSuccessMessage } from './forms.pages.ts';
import type { PublicFormDefinition, WidgetLanguage } from './widget.schemas.ts';

export interface PublishableForm {
  key: string;
  fields: FormFieldDefinition[];
  consents: FormConsentDefinition[];
  honeypotField: string;
  successMessage: string | null;
}

// Browsers fill these from the visitor's saved details; the lead field a form fills is otherwise private.
const AUTOCOMPLETE_BY_LEAD_FIELD: Record<string, string> = {
  email: 'email',
  phone: 'tel',
  firstName: 'given-name',
  lastName: 'family-name',
  jobTitle: 'organization-title',
  'company.name': 'organization',
  country: 'country-name',
};

/**
 * The form as the public may see it: fields, consent texts, honeypot and thank-you message. Lead
 * mapping, origins, redirect, source and ids stay inside (the response schema drops anything else too).
 */
export function toPublicDefinition(
  form: PublishableForm,
  language: WidgetLanguage,
  publicUrl: string,
): PublicFormDefinition {
  return {
    key: form.key,
    language,
    fields: form.fields.map((field) => ({
      name: field.name,
      label: field.label ?? null,
      type: field.type ?? 'text',
      required: field.required ?? false,
      options: field.options ?? null,
      autocomplete: (field.mapTo && AUTOCOMPLETE_BY_LEAD_FIELD[field.mapTo]) ?? null,
    })),
    consents: form.consents.map((consent) => ({
      field: consent.field,
      purpose: consent.purpose,
      channel: consent.channel,
      text: consent.text,
      required: consent.required ?? false,
    })),
    honeypotField: form.honeypotField,
    thankYouMessage: form.successMessage ?? defaultSuccessMessage(language),
    submitUrl: `${publicUrl.replace(/\/$/, '')}/f/${form.key}`,
  };
}
