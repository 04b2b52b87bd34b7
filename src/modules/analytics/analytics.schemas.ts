import { z } from 'zod';

const ZWeekly = z.object({
  keys: z.array(z.string()),
  weeks: z.array(z.object({ weekStart: z.string(), counts: z.record(z.string(), z.number().int()) })),
});

export const ZDashboardQuery = z
  .object({
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Start of the period (default: 90 days before `to`)'),
    to: z.iso.datetime({ offset: true }).optional().describe('End of the period, excluded (default: now)'),
  })
  .strict();

export const ZDashboard = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** `own_leads` for a sales rep: every number covers the leads they own. */
  scope: z.enum(['workspace', 'own_leads']),
  funnel: z.array(
    z.object({
      stage: z.enum(['lead', 'mql', 'sql', 'opportunity', 'customer']),
      count: z.number().int(),
      /** Share of this stage's leads that also reached the next stage; null for the last or an empty stage. */
      conversionToNext: z.number().nullable(),
    }),
  ),
  speedToLead: z.object({
    captured: z.number().int(),
    contacted: z.number().int(),
    notContacted: z.number().int(),
    p50Seconds: z.number().nullable(),
    p90Seconds: z.number().nullable(),
    buckets: z.array(
      z.object({
        key: z.enum(['under_1m', '1m_5m', '5m_30m', '30m_2h', '2h_24h', 'over_24h', 'never']),
        lowerSeconds: z.number().nullable(),
        upperSeconds: z.number().nullable(),
        count: z.number().int(),
      }),
    ),
  }),
  leadsBySource: ZWeekly,
  leadsByTemperature: ZWeekly,
  meetings: z.object({
    booked: z.number().int(),
    held: z.number().int(),
    noShow: z.number().int(),
    weeks: z.array(
      z.object({
        weekStart: z.string(),
        booked: z.number().int(),
        held: z.number().int(),
        noShow: z.number().int(),
      }),
    ),
  }),
  conversations: z.object({
    total: z.number().int(),
    open: z.number().int(),
    closed: z.number().int(),
    replied: z.number().int(),
    needsHuman: z.number().int(),
    handedOff: z.number().int(),
    optedOut: z.number().int(),
    qualifiedToSql: z.number().int(),
    hot: z.number().int(),
    warm: z.number().int(),
    cold: z.number().int(),
    notInterested: z.number().int(),
    noVerdict: z.number().int(),
  }),
});
export type DashboardDto = z.infer<typeof ZDashboard>;
