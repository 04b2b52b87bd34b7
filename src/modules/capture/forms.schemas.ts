import { z } from 'zod';
import { ZConsentInput } from '../privacy/index.ts';
import { ROUTING_FORM_ENDINGS, ZFormRouting } from './form-routing.schemas.ts';

/** Lead fields an answer may fill; anything else goes to the lead's attributes. */
export const MAPPABLE_LEAD_FIELDS = [
  'email',
  'phone',
  'whatsappId',
  'firstName',
  'lastName',
  'jobTitle',
  'language',
  'country',
  'timezone',
  'company.name',
  'company.domain',
  'company.size',
  'company.industry',
  // BANT answers go to the qualification fields, with the form field as their source.
  'bant.budget',
  'bant.authority',
  'bant.need',
  'bant.timeline',
] as const;
export type MappableLeadField = (typeof MAPPABLE_LEAD_FIELDS)[number];

export const FORM_FIELD_TYPES = ['text', 'email', 'tel', 'textarea', 'select', 'checkbox', 'hidden'] as const;

// Names become HTML input names and attribute keys (`form_<name>`), so keep them plain.
const ZFieldName = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a name of letters, digits, _ or -, starting with a letter');

const ZOrigin = z
  .string()
  .trim()
  .max(300)
  .transform((value, issue) => {
    const origin = toOrigin(value);
    if (!origin) {
      issue.addIssue({
        code: 'custom',
        message: `"${value}" is not an origin such as https://www.acme.fr (scheme and host, no path)`,
      });
      return z.NEVER;
    }
    return origin;
  });

/** `https://www.acme.fr` (a trailing slash is tolerated) → its canonical origin; null for anything else. */
function toOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const hasOnlyOrigin =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    !url.username &&
    !url.password &&
    url.pathname === '/' &&
    !url.search &&
    !url.hash &&
    !value.includes('?') &&
    !value.includes('#') &&
    value.replace(/\/$/, '').toLowerCase() === url.origin.toLowerCase();
  return hasOnlyOrigin ? url.origin : null;
}

const ZHttpUrl = z
  .url({ protocol: /^https?$/, error: 'an absolute http(s) URL such as https://www.acme.fr/merci' })
  .max(2000);

export const ZFormField = z
  .object({
    name: ZFieldName,
    label: z.string().trim().min(1).max(500).optional(),
    type: z.enum(FORM_FIELD_TYPES).default('text'),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(200)).min(1).max(200).optional(),
    mapTo: z.enum(MAPPABLE_LEAD_FIELDS).optional(),
  })
  .strict();

export const ZFormConsent = z
  .object({
    purpose: ZConsentInput.shape.purpose,
    channel: ZConsentInput.shape.channel,
    // Recorded word for word in the consent ledger: what the visitor saw is the proof.
    text: z.string().trim().min(1).max(5000),
    field: ZFieldName,
    required: z.boolean().default(false),
  })
  .strict();

export const ZFormDefinition = z.object({
  name: z.string().trim().min(1).max(200),
  fields: z.array(ZFormField).min(1).max(50),
  consents: z.array(ZFormConsent).max(20).default([]),
  allowedOrigins: z.array(ZOrigin).max(20).default([]),
  successRedirect: ZHttpUrl.nullable().default(null),
  successMessage: z.string().trim().min(1).max(1000).nullable().default(null),
  honeypotField: ZFieldName.default('website'),
  source: z.string().trim().min(1).max(100).nullable().default(null),
  /** Set, the form is a routing form: the visitor ends on the chosen rep's booking page or a message. */
  routing: ZFormRouting.nullable().default(null),
});
export type FormDefinition = z.infer<typeof ZFormDefinition>;
export type FormFieldInput = z.infer<typeof ZFormField>;
export type FormConsentInput = z.infer<typeof ZFormConsent>;

export const ZCreateFormInput = ZFormDefinition.strict();
export type CreateFormInput = z.input<typeof ZCreateFormInput>;

// A patch replaces whole top-level properties (fields, consents…); the merged result is validated again.
export const ZUpdateFormInput = z
  .object({
    name: ZFormDefinition.shape.name.optional(),
    fields: ZFormDefinition.shape.fields.optional(),
    consents: z.array(ZFormConsent).max(20).optional(),
    allowedOrigins: z.array(ZOrigin).max(20).optional(),
    successRedirect: ZHttpUrl.nullable().optional(),
    successMessage: z.string().trim().min(1).max(1000).nullable().optional(),
    honeypotField: ZFieldName.optional(),
    source: z.string().trim().min(1).max(100).nullable().optional(),
    routing: ZFormRouting.nullable().optional(),
  })
  .strict();
export type UpdateFormInput = z.infer<typeof ZUpdateFormInput>;

export const ZForm = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  fields: z.array(ZFormField),
  consents: z.array(ZFormConsent),
  allowedOrigins: z.array(z.string()),
  successRedirect: z.string().nullable(),
  successMessage: z.string().nullable(),
  honeypotField: z.string(),
  source: z.string().nullable(),
  routing: ZFormRouting.nullable(),
  /** Where the page posts: `<public url>/f/<key>`. */
  submitUrl: z.string(),
  createdAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type FormDto = z.infer<typeof ZForm>;

export const ZFormIdParams = z.object({ id: z.string().min(1).max(100) });
export const ZFormKeyParams = z.object({ formKey: z.string().min(1).max(100) });
export const ZListFormsQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

const ZAnswerScalar = z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]);

/** A public submission: flat answers by field name; repeated urlencoded keys arrive as arrays. */
export const ZFormSubmissionBody = z
  .record(z.string().max(100), z.union([ZAnswerScalar, z.array(ZAnswerScalar).max(50)]))
  .refine((body) => Object.keys(body).length <= 200, 'at most 200 answers');
export type FormSubmissionBody = z.infer<typeof ZFormSubmissionBody>;

export const ZFormSubmissionQuery = z.looseObject({
  utm_source: z.string().max(200).optional(),
  utm_medium: z.string().max(200).optional(),
  utm_campaign: z.string().max(200).optional(),
  utm_term: z.string().max(200).optional(),
  utm_content: z.string().max(200).optional(),
});

export const ZFormSubmissionResponse = z.object({
  ok: z.literal(true),
  message: z.string(),
  /** Routing forms: how the form ended (`booking`: go to `bookingUrl`). */
  outcome: z.enum(['booking', 'no_owner', ...ROUTING_FORM_ENDINGS]).optional(),
  bookingUrl: z.string().optional(),
});
