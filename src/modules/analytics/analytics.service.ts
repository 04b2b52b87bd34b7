import type { Actor, AppContext } from '../../platform/context.ts';
import {
  FUNNEL_STAGES,
  type Period,
  pivotWeekly,
  rateOf,
  SPEED_BUCKETS,
  type WeeklyCount,
  weekStartsOf,
} from './analytics.rules.ts';
import type { DashboardDto } from './analytics.schemas.ts';

// Reads only: plain SQL on the tables of leads, conversations, privacy and scheduling (see README.md).
// Every statement takes $1 workspace, $2 owner (a rep's own id, else null: the whole workspace),
// $3 from and $4 to; the period is half-open [from, to).
const VISIBLE_LEADS = `visible AS (
  SELECT id, stage, temperature, source, created_at FROM leads
  WHERE workspace_id = $1 AND merged_into_id IS NULL AND ($2::text IS NULL OR owner_id = $2::text)
)`;
const IN_PERIOD = (column: string) => `${column} >= $3::timestamptz AND ${column} < $4::timestamptz`;
const WEEK_OF = (column: string) => `to_char(date_trunc('week', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
const STAGE_RANK = (column: string) =>
  `CASE ${column} ${FUNNEL_STAGES.map((stage, index) => `WHEN '${stage}' THEN ${index + 1}`).join(' ')} ELSE 0 END`;

// A lead reached a stage in the period when it was moved to it (or past it) by a `stage_changed`
// event in the period, or was captured in the period at that stage (the origin of its first move,
// else its current stage). Counts are cumulative: a lead booked straight to SQL also passed MQL.
const FUNNEL_SQL = `WITH ${VISIBLE_LEADS},
reached AS (
  SELECT e.lead_id, e.properties->>'to' AS stage
  FROM events e JOIN visible v ON v.id = e.lead_id
  WHERE e.workspace_id = $1 AND e.type = 'stage_changed' AND ${IN_PERIOD('e.occurred_at')}
  UNION ALL
  SELECT v.id, COALESCE((
    SELECT first_move.properties->>'from' FROM events first_move
    WHERE first_move.workspace_id = $1 AND first_move.lead_id = v.id AND first_move.type = 'stage_changed'
    ORDER BY first_move.sequence LIMIT 1), v.stage)
  FROM visible v WHERE ${IN_PERIOD('v.created_at')}
),
best AS (SELECT lead_id, max(${STAGE_RANK('stage')}) AS rank FROM reached GROUP BY lead_id)
SELECT ${FUNNEL_STAGES.map((stage, index) => `count(*) FILTER (WHERE rank >= ${index + 1})::int AS "${stage}"`).join(', ')}
FROM best`;

// Speed to lead: leads captured in the period, from capture to the first outbound message written to
// them (queued or sent; failed and cancelled ones never reached the lead), through their conversations.
const SPEED_SQL = `WITH ${VISIBLE_LEADS},
first_outbound AS (
  SELECT v.id, extract(epoch FROM (
    SELECT min(m.created_at) FROM conversations c
    JOIN messages m ON m.workspace_id = c.workspace_id AND m.conversation_id = c.id
    WHERE c.workspace_id = $1 AND c.lead_id = v.id AND m.direction = 'outbound'
      AND m.status NOT IN ('failed', 'cancelled')
  ) - v.created_at)::float8 AS raw_seconds
  FROM visible v WHERE ${IN_PERIOD('v.created_at')}
),
-- GREATEST skips NULLs, so the never-contacted leads keep a NULL here (a clock skew gives 0, not < 0).
timed AS (
  SELECT id, CASE WHEN raw_seconds IS NULL THEN NULL ELSE GREATEST(0, raw_seconds) END AS seconds FROM first_outbound
)
SELECT count(*)::int AS captured, count(seconds)::int AS contacted,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)::float8 AS p50,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)::float8 AS p90,
  ${SPEED_BUCKETS.map(
    (bucket) =>
      `count(*) FILTER (WHERE seconds >= ${bucket.lower}${bucket.upper === null ? '' : ` AND seconds < ${bucket.upper}`})::int AS "${bucket.key}"`,
  ).join(',\n  ')}
FROM timed`;

const BY_SOURCE_SQL = `WITH ${VISIBLE_LEADS}
SELECT ${WEEK_OF('created_at')} AS "weekStart", COALESCE(NULLIF(source, ''), 'unknown') AS key, count(*)::int AS count
FROM visible WHERE ${IN_PERIOD('created_at')} GROUP BY 1, 2`;

const BY_TEMPERATURE_SQL = `WITH ${VISIBLE_LEADS}
SELECT ${WEEK_OF('created_at')} AS "weekStart", temperature AS key, count(*)::int AS count
FROM visible WHERE ${IN_PERIOD('created_at')} GROUP BY 1, 2`;

// Booked: the \`meeting_booked\` events of the week (a reschedule writes a new booking row but no new
// booked event). Held and no-show: bookings by the week their meeting started, from their status.
const MEETINGS_SQL = `WITH ${VISIBLE_LEADS}
SELECT ${WEEK_OF('e.occurred_at')} AS "weekStart", 'booked' AS key, count(*)::int AS count
FROM events e JOIN visible v ON v.id = e.lead_id
WHERE e.workspace_id = $1 AND e.type = 'meeting_booked' AND ${IN_PERIOD('e.occurred_at')} GROUP BY 1
UNION ALL
SELECT ${WEEK_OF('b.start_at')}, b.status, count(*)::int
FROM bookings b JOIN visible v ON v.id = b.lead_id
WHERE b.workspace_id = $1 AND b.status IN ('held', 'no_show') AND ${IN_PERIOD('b.start_at')} GROUP BY 1, 2`;

// Conversations started in the period and where they stand now.
const CONVERSATIONS_SQL = `WITH ${VISIBLE_LEADS}
SELECT count(*)::int AS total,
  count(*) FILTER (WHERE c.status = 'open')::int AS open,
  count(*) FILTER (WHERE c.status = 'closed')::int AS closed,
  count(*) FILTER (WHERE c.last_inbound_at IS NOT NULL)::int AS replied,
  count(*) FILTER (WHERE c.needs_human)::int AS "needsHuman",
  count(*) FILTER (WHERE c.needs_human OR c.mode = 'human' OR c.handoff_reason IS NOT NULL)::int AS "handedOff",
  count(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM consents k WHERE k.workspace_id = $1 AND k.lead_id = c.lead_id
      AND NOT k.is_granted AND k.recorded_at >= c.created_at))::int AS "optedOut",
  count(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM events e WHERE e.workspace_id = $1 AND e.lead_id = c.lead_id AND e.type = 'stage_changed'
      AND e.properties->>'to' IN ('sql', 'opportunity', 'customer') AND e.occurred_at >= c.created_at))::int
    AS "qualifiedToSql",
  count(*) FILTER (WHERE c.verdict = 'hot')::int AS hot,
  count(*) FILTER (WHERE c.verdict = 'warm')::int AS warm,
  count(*) FILTER (WHERE c.verdict = 'cold')::int AS cold,
  count(*) FILTER (WHERE c.verdict = 'not_interested')::int AS "notInterested",
  count(*) FILTER (WHERE c.verdict IS NULL)::int AS "noVerdict"
FROM conversations c JOIN visible v ON v.id = c.lead_id
WHERE c.workspace_id = $1 AND ${IN_PERIOD('c.created_at')}`;

type CountRow = Record<string, number | null>;

/** The dashboard of the caller's workspace over `period`; a sales rep's numbers cover their own leads only. */
export async function loadDashboard(ctx: AppContext, actor: Actor, period: Period): Promise<DashboardDto> {
  const owner = actor.role === 'sales_rep' ? (actor.userId ?? '__none__') : null;
  const params = [actor.workspaceId, owner, period.from.toISOString(), period.to.toISOString()];
  const [funnelRows, speedRows, sourceRows, temperatureRows, meetingRows, conversationRows] =
    await Promise.all([
      ctx.handle.query<CountRow>(FUNNEL_SQL, params),
      ctx.handle.query<CountRow>(SPEED_SQL, params),
      ctx.handle.query<WeeklyCount>(BY_SOURCE_SQL, params),
      ctx.handle.query<WeeklyCount>(BY_TEMPERATURE_SQL, params),
      ctx.handle.query<WeeklyCount>(MEETINGS_SQL, params),
      ctx.handle.query<CountRow>(CONVERSATIONS_SQL, params),
    ]);
  const funnelRow = funnelRows[0] ?? {};
  const speed = speedRows[0] ?? {};
  const weeks = weekStartsOf(period);
  const count = (row: CountRow, key: string) => Number(row[key] ?? 0);
  const optional = (value: number | null | undefined) =>
    value === null || value === undefined ? null : Number(value);

  const funnel = FUNNEL_STAGES.map((stage, index) => {
    const reached = count(funnelRow, stage);
    const next = FUNNEL_STAGES[index + 1];
    return {
      stage,
      count: reached,
      conversionToNext: next === undefined ? null : rateOf(count(funnelRow, next), reached),
    };
  });
  const meetings = pivotWeekly(meetingRows, weeks, ['booked', 'held', 'no_show']);
  const conversations = conversationRows[0] ?? {};
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    scope: owner === null ? 'workspace' : 'own_leads',
    funnel,
    speedToLead: {
      captured: count(speed, 'captured'),
      contacted: count(speed, 'contacted'),
      notContacted: count(speed, 'captured') - count(speed, 'contacted'),
      p50Seconds: optional(speed.p50),
      p90Seconds: optional(speed.p90),
      buckets: [
        ...SPEED_BUCKETS.map((bucket) => ({
          key: bucket.key,
          lowerSeconds: bucket.lower,
          upperSeconds: bucket.upper,
          count: count(speed, bucket.key),
        })),
        {
          key: 'never' as const,
          lowerSeconds: null,
          upperSeconds: null,
          count: count(speed, 'captured') - count(speed, 'contacted'),
        },
      ],
    },
    leadsBySource: pivotWeekly(sourceRows, weeks),
    leadsByTemperature: pivotWeekly(temperatureRows, weeks, ['cold', 'warm', 'hot']),
    meetings: {
      booked: sumOf(meetingRows, 'booked'),
      held: sumOf(meetingRows, 'held'),
      noShow: sumOf(meetingRows, 'no_show'),
      weeks: meetings.weeks.map((week) => ({
        weekStart: week.weekStart,
        booked: week.counts.booked ?? 0,
        held: week.counts.held ?? 0,
        noShow: week.counts.no_show ?? 0,
      })),
    },
    conversations: Object.fromEntries(
      CONVERSATION_OUTCOMES.map((key) => [key, count(conversations, key)]),
    ) as DashboardDto['conversations'],
  };
}

export const CONVERSATION_OUTCOMES = [
  'total',
  'open',
  'closed',
  'replied',
  'needsHuman',
  'handedOff',
  'optedOut',
  'qualifiedToSql',
  'hot',
  'warm',
  'cold',
  'notInterested',
  'noVerdict',
] as const;

function sumOf(rows: WeeklyCount[], key: string): number {
  return rows.filter((row) => row.key === key).reduce((sum, row) => sum + Number(row.count), 0);
}
