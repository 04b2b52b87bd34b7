import { z } from 'zod';

/** Lead fields a fit rule can read. `attributes.<name>` reads a custom attribute. */
export const FIT_FIELDS = [
  'jobTitle',
  'companySize',
  'companyIndustry',
  'companyDomain',
  'companyName',
  'country',
  'language',
  'email',
  'source',
] as const;

const ZFieldName = z.union([
  z.enum(FIT_FIELDS),
  z.string().regex(/^attributes\.[A-Za-z0-9_-]{1,64}$/, 'a lead field or attributes.<name>'),
]);

/** Conditions on who the lead is. The `icp_*` operators read the workspace's ideal customer profile. */
export const ZFitCondition = z.discriminatedUnion('op', [
  z.object({ op: z.literal('equals'), field: ZFieldName, value: z.string().min(1).max(200) }),
  z.object({
    op: z.literal('in'),
    field: ZFieldName,
    values: z.array(z.string().min(1).max(200)).min(1).max(200),
  }),
  z.object({
    op: z.literal('not_in'),
    field: ZFieldName,
    values: z.array(z.string().min(1).max(200)).min(1).max(200),
  }),
  z.object({
    op: z.literal('contains_any'),
    field: ZFieldName,
    values: z.array(z.string().min(1).max(100)).min(1).max(200),
  }),
  z.object({ op: z.literal('exists'), field: ZFieldName }),
  z.object({ op: z.literal('missing'), field: ZFieldName }),
  z.object({
    op: z.literal('employees_between'),
    min: z.number().int().min(0),
    max: z.number().int().min(0).nullable(),
  }),
  z.object({ op: z.literal('free_email_domain') }),
  z.object({ op: z.literal('icp_persona') }),
  z.object({ op: z.literal('icp_company_size') }),
  z.object({ op: z.literal('icp_industry') }),
  z.object({ op: z.literal('icp_country') }),
]);
export type FitCondition = z.infer<typeof ZFitCondition>;

export const ZPropertyFilter = z.object({
  property: z.string().min(1).max(100),
  op: z.enum(['equals', 'contains', 'exists', 'is_true']),
  value: z.string().max(500).optional(),
});
export type PropertyFilter = z.infer<typeof ZPropertyFilter>;

/** Conditions on what the lead did: an event type, property filters, an optional count within a window. */
export const ZEngagementCondition = z
  .object({
    eventType: z.string().min(1).max(80),
    filters: z.array(ZPropertyFilter).max(10).default([]),
    // Only events within the last N days count (recency).
    withinDays: z.number().positive().max(3650).optional(),
    // The rule fires once when at least N matching events exist (e.g. repeated email opens).
    minCount: z.number().int().min(2).max(1000).optional(),
  })
  .refine((value) => value.minCount === undefined || value.withinDays !== undefined, {
    message: 'minCount needs withinDays (count within a window)',
    path: ['withinDays'],
  });
export type EngagementCondition = z.infer<typeof ZEngagementCondition>;

export const ZFrequency = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('once') }),
  z.object({ mode: z.literal('per_occurrence'), max: z.number().int().min(1).max(1000) }),
  z.object({
    mode: z.literal('once_per_period'),
    periodDays: z.number().positive().max(3650),
    max: z.number().int().min(1).max(1000).optional(),
  }),
]);
export type Frequency = z.infer<typeof ZFrequency>;

const ZRuleBase = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  points: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .refine((value) => value !== 0, 'points cannot be 0'),
  isEnabled: z.boolean().default(true),
});

export const ZFitRule = ZRuleBase.extend({ group: z.literal('fit'), condition: ZFitCondition });
export const ZEngagementRule = ZRuleBase.extend({
  group: z.literal('engagement'),
  condition: ZEngagementCondition,
  frequency: ZFrequency.default({ mode: 'once' }),
  // Negative signals such as a hard bounce usually should not fade with time.
  decays: z.boolean().default(true),
});
export const ZScoringRule = z.discriminatedUnion('group', [ZFitRule, ZEngagementRule]);
export type FitRule = z.infer<typeof ZFitRule>;
export type EngagementRule = z.infer<typeof ZEngagementRule>;
export type ScoringRule = z.infer<typeof ZScoringRule>;

export const ZIdealCustomerProfile = z.object({
  personas: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  companySizes: z
    .array(z.object({ min: z.number().int().min(0), max: z.number().int().min(0).nullable() }))
    .max(20)
    .default([]),
  industries: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .max(250)
    .default([]),
});
export type IdealCustomerProfile = z.infer<typeof ZIdealCustomerProfile>;

export const ZScoringSettings = z
  .object({
    halfLifeDays: z.number().positive().max(3650).default(30),
    fitCap: z.number().positive().nullable().default(null),
    engagementCap: z.number().positive().nullable().default(null),
    bands: z
      .object({ warm: z.number().default(30), hot: z.number().default(70) })
      .default({ warm: 30, hot: 70 }),
    thresholds: z
      .object({ mql: z.number().default(50), sql: z.number().default(80) })
      .default({ mql: 50, sql: 80 }),
    // Events that make a lead hot whatever its score, while more recent than hotSignalDays.
    hotSignalEvents: z.array(z.string().min(1).max(80)).default(['demo_requested', 'quote_requested']),
    hotSignalDays: z.number().positive().max(3650).default(30),
    icp: ZIdealCustomerProfile.default({ personas: [], companySizes: [], industries: [], countries: [] }),
  })
  .refine((value) => value.bands.warm < value.bands.hot, {
    message: 'bands.warm must be below bands.hot',
    path: ['bands'],
  });
export type ScoringSettings = z.infer<typeof ZScoringSettings>;
