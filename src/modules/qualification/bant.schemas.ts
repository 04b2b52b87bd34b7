import { z } from 'zod';
import { BANT_FIELDS, BANT_SOURCES, type BantField, type BantSource } from './qualification.tables.ts';

const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
// Amounts in the currency's main unit (euros, not cents).
const ZAmount = z.number().finite().min(0).max(1e12);

export const ZBudget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), amount: ZAmount, currency: ZCurrency }).strict(),
  z
    .object({ kind: z.literal('range'), min: ZAmount, max: ZAmount, currency: ZCurrency })
    .strict()
    .refine((value) => value.min <= value.max, { message: 'min must not exceed max', path: ['max'] }),
  z.object({ kind: z.literal('none') }).strict(),
]);
export type Budget = z.infer<typeof ZBudget>;

export const AUTHORITIES = ['decision_maker', 'influencer', 'user', 'unknown'] as const;
export const ZAuthority = z.enum(AUTHORITIES);
export type Authority = z.infer<typeof ZAuthority>;

/** What a client sends: the category is matched from the workspace list when left out. */
export const ZNeedInput = z
  .object({
    text: z.string().trim().min(1).max(2000),
    category: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .strict();
export const ZNeed = z.object({ text: z.string(), category: z.string().nullable() });
export type Need = z.infer<typeof ZNeed>;

export const TIMELINE_HORIZONS = ['lt_1m', '1_3m', '3_6m', 'gt_6m', 'unknown'] as const;
export type TimelineHorizon = (typeof TIMELINE_HORIZONS)[number];

export const ZTimeline = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: z.iso.date() }).strict(),
  z.object({ kind: z.literal('horizon'), horizon: z.enum(TIMELINE_HORIZONS) }).strict(),
]);
export type Timeline = z.infer<typeof ZTimeline>;

/** The schema a value of each field is checked against when it is recorded. */
export const BANT_INPUT_SCHEMAS = {
  budget: ZBudget,
  authority: ZAuthority,
  need: ZNeedInput,
  timeline: ZTimeline,
} as const satisfies Record<BantField, z.ZodType>;

/** The shape stored and read back (the need always carries its resolved category). */
export const BANT_STORED_SCHEMAS = {
  budget: ZBudget,
  authority: ZAuthority,
  need: ZNeed,
  timeline: ZTimeline,
} as const satisfies Record<BantField, z.ZodType>;

export interface BantValueByField {
  budget: Budget;
  authority: Authority;
  need: Need;
  timeline: Timeline;
}

export interface BantEntry<F extends BantField = BantField> {
  id: string;
  field: F;
  value: BantValueByField[F];
  confidence: number;
  source: BantSource;
  sourceRef: string | null;
  actor: string | null;
  recordedAt: Date;
}

/** The latest entry of each field that has one. */
export type CurrentBant = { [F in BantField]?: BantEntry<F> };

export const ZBantField = z.enum(BANT_FIELDS);

export const ZBantEntryDto = z.object({
  id: z.string(),
  field: ZBantField,
  value: z.unknown(),
  confidence: z.number(),
  source: z.enum(BANT_SOURCES),
  sourceRef: z.string().nullable(),
  actor: z.string().nullable(),
  recordedAt: z.string(),
});
export type BantEntryDto = z.infer<typeof ZBantEntryDto>;

export const ZBantDto = z.object({
  current: z.object({
    budget: ZBantEntryDto.nullable(),
    authority: ZBantEntryDto.nullable(),
    need: ZBantEntryDto.nullable(),
    timeline: ZBantEntryDto.nullable(),
  }),
  history: z.array(ZBantEntryDto),
});
export type BantDto = z.infer<typeof ZBantDto>;

export const ZRecordBantBody = z
  .object({
    value: z.unknown(),
    confidence: z.number().min(0).max(1).optional(),
    sourceRef: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** A need category; a plain string is shorthand for a category whose only keyword is its name. */
export const ZNeedCategoryInput = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .transform((name) => ({ name, keywords: [] as string[] })),
  z
    .object({
      name: z.string().trim().min(1).max(100),
      keywords: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    })
    .strict(),
]);

export const ZQualificationSettingsInput = z
  .object({
    needCategories: z
      .array(ZNeedCategoryInput)
      .max(100)
      .refine(
        (categories) =>
          new Set(categories.map((category) => category.name.toLowerCase())).size === categories.length,
        'category names must be unique',
      )
      .optional(),
    icpFitMinScore: z.number().min(0).max(10_000).optional(),
    isAutoLifecycle: z.boolean().optional(),
  })
  .strict();
export type QualificationSettingsInput = z.infer<typeof ZQualificationSettingsInput>;

export const ZQualificationSettingsDto = z.object({
  needCategories: z.array(z.object({ name: z.string(), keywords: z.array(z.string()) })),
  icpFitMinScore: z.number(),
  isAutoLifecycle: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type QualificationSettingsDto = z.infer<typeof ZQualificationSettingsDto>;
