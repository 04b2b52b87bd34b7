import { z } from 'zod';
import { FORM_FIELD_TYPES } from './forms.schemas.ts';

export const WIDGET_LANGUAGES = ['fr', 'en'] as const;
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];

export const ZFormDefinitionQuery = z.object({
  /** The embedding page's choice (`data-lang`); otherwise the visitor's Accept-Language. */
  lang: z.enum(WIDGET_LANGUAGES).optional(),
});

/** One field as a page renders it: no lead mapping, only what a browser needs to draw and check it. */
export const ZPublicFormField = z.object({
  name: z.string(),
  label: z.string().nullable(),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.string()).nullable(),
  /** HTML autocomplete token for identity fields (WCAG 1.3.5), null when the field has no standard purpose. */
  autocomplete: z.string().nullable(),
});

/**
 * A consent box: the submit endpoint recognises it by its checkbox `field` and records this exact
 * `text` (from the stored definition, never from the request) in the ledger.
 */
export const ZPublicFormConsent = z.object({
  field: z.string(),
  purpose: z.string(),
  channel: z.string(),
  text: z.string(),
  required: z.boolean(),
});

/** The public part of a form, for the embeddable widget and anyone building their own page. */
export const ZPublicFormDefinition = z.object({
  key: z.string(),
  language: z.enum(WIDGET_LANGUAGES),
  fields: z.array(ZPublicFormField),
  consents: z.array(ZPublicFormConsent),
  /** Rendered hidden from people and sent empty; a filled one marks a bot. */
  honeypotField: z.string(),
  thankYouMessage: z.string(),
  /** Where to POST the answers (JSON), with utm_* and referrer as extra keys. */
  submitUrl: z.string(),
});
export type PublicFormDefinition = z.infer<typeof ZPublicFormDefinition>;
