import { z } from 'zod';
import { isStorableInstant } from '../../platform/http/storable-input.ts';

export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'mql',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
  'recycled',
] as const;
export const TEMPERATURES = ['cold', 'warm', 'hot'] as const;

export const ZLanguage = z.enum(['fr', 'en']);

// Scores are `real` (float4) columns: a bound is rounded to that precision, or PostgreSQL refuses
// what it cannot represent (1e39 overflows, 1e-50 underflows) instead of comparing.
const ZScoreBound = z.coerce.number().transform(Math.fround);

/** An ISO 8601 instant with offset, within the years a timestamp column takes (1 to 9999). */
export const ZInstant = z.iso
  .datetime({ offset: true })
  .refine(isStorableInstant, 'a date between the years 1 and 9999');

const isIanaZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const ZOptionalText = (max: number) => z.string().trim().max(max).optional().nullable();

export const ZUtm = z
  .object({
    source: z.string().trim().max(200).optional(),
    medium: z.string().trim().max(200).optional(),
    campaign: z.string().trim().max(200).optional(),
    term: z.string().trim().max(200).optional(),
    content: z.string().trim().max(200).optional(),
  })
  .strict();

export const ZCompanyInput = z
  .object({
    name: ZOptionalText(200),
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .max(253)
      .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain name such as acme.fr')
      .optional()
      .nullable(),
    size: ZOptionalText(50),
    industry: ZOptionalText(100),
  })
  .strict();

export const ZAttributes = z
  .record(z.string().min(1).max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 100, 'at most 100 attributes');

export const ZLeadFieldsInput = z
  .object({
    email: z.string().trim().max(320).optional().nullable(),
    phone: z.string().trim().max(40).optional().nullable(),
    whatsappId: z
      .string()
      .trim()
      .regex(/^\+?\d{6,20}$/, 'digits of the WhatsApp number')
      .optional()
      .nullable(),
    /** WhatsApp business-scoped user id ("US.1349…"): an identity only, stable when the number is hidden. */
    whatsappUserId: z.string().trim().min(3).max(128).optional().nullable(),
    firstName: ZOptionalText(100),
    lastName: ZOptionalText(100),
    jobTitle: ZOptionalText(200),
    language: ZLanguage.optional().nullable(),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 two-letter code such as FR')
      .transform((value) => value.toUpperCase())
      .optional()
      .nullable(),
    timezone: z
      .string()
      .trim()
      .refine(isIanaZone, 'an IANA time zone such as Europe/Paris')
      .optional()
      .nullable(),
    company: ZCompanyInput.optional().nullable(),
    attributes: ZAttributes.optional(),
  })
  .strict();
export type LeadFieldsInput = z.infer<typeof ZLeadFieldsInput>;

export const ZTouchInput = z.object({
  source: z.string().trim().min(1).max(100).optional(),
  utm: ZUtm.optional(),
  referrer: z.string().trim().max(2000).optional(),
});

export const ZLead = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  language: z.string().nullable(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  whatsappId: z.string().nullable(),
  company: z
    .object({
      name: z.string().nullable(),
      domain: z.string().nullable(),
      size: z.string().nullable(),
      industry: z.string().nullable(),
    })
    .nullable(),
  source: z.string().nullable(),
  firstTouch: z.unknown().nullable(),
  lastTouch: z.unknown().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  stage: z.string(),
  temperature: z.string(),
  score: z.number(),
  fitScore: z.number(),
  engagementScore: z.number(),
  ownerId: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  identities: z.array(z.object({ kind: z.string(), value: z.string() })).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadDto = z.infer<typeof ZLead>;

export const LEAD_SORTS = ['createdAt', '-createdAt', 'score', '-score', 'updatedAt', '-updatedAt'] as const;

/** The list's filters alone: what a saved view and the CSV export take. */
export const ZLeadFilters = z.object({
  stage: z.enum(LIFECYCLE_STAGES).optional(),
  temperature: z.enum(TEMPERATURES).optional(),
  scoreMin: ZScoreBound.optional(),
  scoreMax: ZScoreBound.optional(),
  ownerId: z.string().max(100).optional(),
  source: z.string().max(100).optional(),
  createdFrom: ZInstant.optional(),
  createdTo: ZInstant.optional(),
  q: z.string().trim().max(200).optional(),
});
export type LeadFilters = z.infer<typeof ZLeadFilters>;

export const ZListLeadsQuery = ZLeadFilters.extend({
  sort: z.enum(LEAD_SORTS).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  /** Adds `total` (exact up to 10,000) and `totalIsCapped` (true when there are more). */
  includeTotal: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type ListLeadsQuery = z.infer<typeof ZListLeadsQuery>;
