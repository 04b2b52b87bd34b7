// The answer of GET /api/v1/analytics/dashboard (src/modules/analytics/analytics.schemas.ts).

export interface WeeklySeries {
  keys: string[];
  weeks: { weekStart: string; counts: Record<string, number> }[];
}

export type SpeedBucketKey = 'under_1m' | '1m_5m' | '5m_30m' | '30m_2h' | '2h_24h' | 'over_24h' | 'never';

export interface Dashboard {
  period: { from: string; to: string };
  scope: 'workspace' | 'own_leads';
  funnel: {
    stage: 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer';
    count: number;
    conversionToNext: number | null;
  }[];
  speedToLead: {
    captured: number;
    contacted: number;
    notContacted: number;
    p50Seconds: number | null;
    p90Seconds: number | null;
    buckets: {
      key: SpeedBucketKey;
      lowerSeconds: number | null;
      upperSeconds: number | null;
      count: number;
    }[];
  };
  leadsBySource: WeeklySeries;
  leadsByTemperature: WeeklySeries;
  meetings: {
    booked: number;
    held: number;
    noShow: number;
    weeks: { weekStart: string; booked: number; held: number; noShow: number }[];
  };
  conversations: {
    total: number;
    open: number;
    closed: number;
    replied: number;
    needsHuman: number;
    handedOff: number;
    optedOut: number;
    qualifiedToSql: number;
    hot: number;
    warm: number;
    cold: number;
    notInterested: number;
    noVerdict: number;
  };
}

export const PERIOD_DAYS = ['30', '90', '365'] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
