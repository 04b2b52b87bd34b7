import { type SQL, sql } from 'drizzle-orm';
import { DAY_MS } from './grid.engine.ts';
import type { EngagementRule, FitRule, ScoringRule, ScoringSettings } from './grid.schemas.ts';
import {
  fitConditionSql,
  LeadFactColumns,
  propertyFilterSql,
  round2Sql,
  textArray,
} from './grid-conditions.sql.ts';

/** Which leads one query scores. Merged leads (records kept for history) are never scored. */
export interface GridSqlScope {
  workspaceId: string;
  nowMs: number;
  /** Only these leads; every lead of the workspace when left out. */
  leadIds?: readonly string[];
  /** A keyset batch: leads whose id sorts after this one, in id order, at most `limit` of them. */
  afterLeadId?: string | null;
  limit?: number;
}

export interface GridSqlOptions {
  /** Adds `contributions`: a jsonb array shaped and ordered like the engine's Contribution[]. */
  withContributions?: boolean;
  /** Adds `temperature`: hot on a recent hot-signal event, else the band of the total (BANT is not read). */
  withTemperature?: boolean;
}

/**
 * The grid compiled into ONE SELECT computing, for every scoped lead, what `compileGrid().score` computes:
 * same predicates, same selection of occurrences (window functions over `events`), same decay
 * 0.5^(age/half-life) rounded per contribution, same caps and the same JS rounding, in double precision.
 *
 * Columns: lead_id, fit, engagement, total, stored_fit, stored_engagement, stored_total,
 * stored_temperature, stored_xmin (the lead row as read, xmin for a compare-and-set), then the optional ones.
 * Known gaps, on inputs the app does not produce: attribute or property values that are JSON objects,
 * arrays or exponent-form numbers stringify differently (JS String() vs ->>), and lower() follows the
 * database's ctype for the few letters whose lower case JS maps specially (İ, final Σ).
 */
export function compileGridSql(
  rules: readonly ScoringRule[],
  settings: ScoringSettings,
  scope: GridSqlScope,
  options: GridSqlOptions = {},
): SQL {
  const enabled = rules.filter((rule) => rule.isEnabled);
  // The engine lists fit contributions first, then engagement ones, each in rule order.
  const fitRules = enabled.filter((rule): rule is FitRule => rule.group === 'fit');
  const engagementRules = enabled.filter((rule): rule is EngagementRule => rule.group === 'engagement');
  const ordered: ScoringRule[] = [...fitRules, ...engagementRules];
  const fitCount = fitRules.length;
  const nowMs = scope.nowMs;
  const halfLifeMs = settings.halfLifeDays * DAY_MS;
  const facts = new LeadFactColumns();
  const fitTests = fitRules.map(
    (rule, index) => sql`(${sql.raw(String(index))}, ${fitConditionSql(rule.condition, settings, facts)})`,
  );

  const eventTypes = new Set(engagementRules.map((rule) => rule.condition.eventType));
  if (options.withTemperature) for (const type of settings.hotSignalEvents) eventTypes.add(type);
  const hasPeriods = engagementRules.some(
    (rule) => rule.condition.minCount === undefined && rule.frequency.mode === 'once_per_period',
  );

  const ctes: SQL[] = [];
  const scopeFilters: SQL[] = [
    sql`l.workspace_id = ${scope.workspaceId}::text`,
    sql`l.merged_into_id IS NULL`,
  ];
  if (scope.leadIds) scopeFilters.push(sql`l.id = ANY(${textArray(scope.leadIds)})`);
  if (scope.afterLeadId) scopeFilters.push(sql`l.id > ${scope.afterLeadId}::text`);
  const page = scope.limit === undefined ? sql`` : sql` ORDER BY l.id LIMIT ${scope.limit}::int`;
  const factSelections = facts.selections.length ? sql`, ${sql.join(facts.selections, sql`, `)}` : sql``;
  ctes.push(sql`scoped AS MATERIALIZED (
    SELECT l.id, l.xmin AS stored_xmin, l.fit_score, l.engagement_score, l.score, l.temperature${factSelections}
    FROM leads l WHERE ${sql.join(scopeFilters, sql` AND `)}${page})`);

  if (eventTypes.size > 0) {
    // Milliseconds as the engine sees them (JS Dates drop microseconds); later events do not count yet.
    // date_part is double precision (cheaper than extract's numeric); on a whole-millisecond instant its
    // error is far below 1 ms, so round() gives the exact integer.
    ctes.push(sql`ev AS MATERIALIZED (
      SELECT e.id, e.lead_id, e.type, e.properties, e.occurred_at,
             round(date_part('epoch', date_trunc('milliseconds', e.occurred_at)) * 1000) AS occurred_ms
      FROM events e
      WHERE e.workspace_id = ${scope.workspaceId}::text AND e.type = ANY(${textArray([...eventTypes])})
        AND e.occurred_at < ${new Date(nowMs + 1)}::timestamptz AND e.lead_id IN (SELECT id FROM scoped))`);
  }
  if (ordered.length > 0) {
    const rows = ordered.map(
      (rule, index) =>
        sql`(${sql.raw(String(index))}, ${rule.id}::text, ${rule.name}::text, ${rule.group}::text, ${rule.points}::int, ${rule.group === 'engagement' ? rule.condition.eventType : null}::text, ${rule.group === 'engagement' && rule.decays}::boolean)`,
    );
    ctes.push(
      sql`rules (rule_index, rule_id, rule_name, grp, points, event_type, decays) AS (VALUES ${sql.join(rows, sql`, `)})`,
    );
  }
  // Rule positions are program-made integers, inlined so the planner sees constants.
  const fitLimit = sql.raw(String(fitCount));
  const contributionParts: SQL[] = [];
  if (fitTests.length > 0) {
    ctes.push(sql`fit_hits AS (
      SELECT f.id AS lead_id, h.rule_index FROM scoped f
      CROSS JOIN LATERAL (VALUES ${sql.join(fitTests, sql`, `)}) AS h(rule_index, is_hit) WHERE h.is_hit)`);
    contributionParts.push(sql`SELECT h.lead_id, h.rule_index, 0::bigint AS seq, r.points::float8 AS decayed, NULL::timestamptz AS occurred_at, NULL::text AS event_id
      FROM fit_hits h JOIN rules r USING (rule_index)`);
  }
  if (engagementRules.length > 0) {
    const matchTests = engagementRules.map((rule, offset) => {
      const tests: SQL[] = rule.condition.filters.map(propertyFilterSql);
      if (rule.condition.withinDays !== undefined)
        tests.push(sql`e.occurred_ms >= ${nowMs - rule.condition.withinDays * DAY_MS}::float8`);
      return sql`WHEN ${sql.raw(String(fitCount + offset))} THEN ${tests.length ? sql.join(tests, sql` AND `) : sql`true`}`;
    });
    const buckets = engagementRules.map((rule, offset) =>
      rule.frequency.mode === 'once_per_period'
        ? sql`WHEN ${sql.raw(String(fitCount + offset))} THEN floor(e.occurred_ms / ${rule.frequency.periodDays * DAY_MS}::float8)`
        : sql``,
    );
    ctes.push(sql`matched AS (
      SELECT r.rule_index, e.lead_id, e.id AS event_id, e.occurred_at, e.occurred_ms${hasPeriods ? sql`, CASE r.rule_index ${sql.join(buckets, sql` `)} END AS bucket` : sql``}
      FROM ev e JOIN rules r ON r.event_type = e.type
      WHERE CASE r.rule_index ${sql.join(matchTests, sql` `)} END)`);
    // Most recent first, ties by id descending (code-point order, as JS compares strings).
    const order = sql`ORDER BY m.occurred_ms DESC, m.event_id COLLATE "C" DESC`;
    ctes.push(sql`ranked AS (
      SELECT m.*, row_number() OVER (PARTITION BY m.rule_index, m.lead_id ${order}) AS rn,
             count(*) OVER (PARTITION BY m.rule_index, m.lead_id) AS matching${
               hasPeriods
                 ? sql`, row_number() OVER (PARTITION BY m.rule_index, m.lead_id, m.bucket ${order}) AS bucket_rn,
             dense_rank() OVER (PARTITION BY m.rule_index, m.lead_id ORDER BY m.bucket DESC) AS bucket_rank`
                 : sql``
             }
      FROM matched m)`);
    const picks = engagementRules.map(
      (rule, offset) => sql`WHEN ${sql.raw(String(fitCount + offset))} THEN ${selectionSql(rule)}`,
    );
    // Past 2^-1000 the decayed points round to 0 anyway, and PostgreSQL's power() errors on underflow.
    const halvings = sql`((${nowMs}::float8 - x.occurred_ms) / ${halfLifeMs}::float8)`;
    const decayed = sql`CASE WHEN r.decays THEN r.points * CASE WHEN ${halvings} > 1000 THEN 0::float8 ELSE power(0.5::float8, ${halvings}) END ELSE r.points::float8 END`;
    contributionParts.push(sql`SELECT k.lead_id, k.rule_index, k.rn AS seq, ${round2Sql(sql`k.raw`)} AS decayed, k.occurred_at, k.event_id FROM (
        SELECT x.lead_id, x.rule_index, x.rn, x.occurred_at, x.event_id, ${decayed} AS raw
        FROM ranked x JOIN rules r USING (rule_index)
        WHERE CASE x.rule_index ${sql.join(picks, sql` `)} END) k`);
  }

  const jsonColumn = options.withContributions
    ? sql`, jsonb_agg(jsonb_build_object('ruleId', r.rule_id, 'ruleName', r.rule_name, 'group', r.grp, 'points', r.points,
        'decayedPoints', c.decayed, 'occurredAt', to_char(c.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'eventId', c.event_id) ORDER BY c.rule_index, c.seq) AS contributions`
    : sql``;
  if (contributionParts.length > 0) {
    ctes.push(sql`contrib AS (${sql.join(contributionParts, sql` UNION ALL `)})`);
    ctes.push(sql`sums AS (
      SELECT c.lead_id,
        coalesce(sum(c.decayed) FILTER (WHERE c.rule_index < ${fitLimit} AND c.decayed >= 0), 0) AS fit_positive,
        coalesce(sum(c.decayed) FILTER (WHERE c.rule_index < ${fitLimit} AND c.decayed < 0), 0) AS fit_negative,
        coalesce(sum(c.decayed) FILTER (WHERE c.rule_index >= ${fitLimit} AND c.decayed >= 0), 0) AS engagement_positive,
        coalesce(sum(c.decayed) FILTER (WHERE c.rule_index >= ${fitLimit} AND c.decayed < 0), 0) AS engagement_negative${jsonColumn}
      FROM contrib c JOIN rules r USING (rule_index) GROUP BY c.lead_id)`);
  } else {
    ctes.push(sql`sums AS (
      SELECT NULL::text AS lead_id, 0::float8 AS fit_positive, 0::float8 AS fit_negative, 0::float8 AS engagement_positive,
             0::float8 AS engagement_negative${options.withContributions ? sql`, '[]'::jsonb AS contributions` : sql``} WHERE false)`);
  }
  // A cap limits what a group earns; penalties apply in full. LEAST ignores a NULL (no cap).
  ctes.push(sql`totals AS (
    SELECT f.id AS lead_id, f.fit_score AS stored_fit, f.engagement_score AS stored_engagement, f.score AS stored_total,
      f.temperature AS stored_temperature, f.stored_xmin,
      ${round2Sql(sql`LEAST(coalesce(s.fit_positive, 0), ${settings.fitCap}::float8) + coalesce(s.fit_negative, 0)`)} AS fit,
      ${round2Sql(sql`LEAST(coalesce(s.engagement_positive, 0), ${settings.engagementCap}::float8) + coalesce(s.engagement_negative, 0)`)} AS engagement
      ${options.withContributions ? sql`, coalesce(s.contributions, '[]'::jsonb) AS contributions` : sql``}
    FROM scoped f LEFT JOIN sums s ON s.lead_id = f.id)`);

  let temperature = sql``;
  let hotJoin = sql``;
  if (options.withTemperature) {
    if (settings.hotSignalEvents.length > 0) {
      ctes.push(sql`hot AS (SELECT DISTINCT lead_id FROM ev
        WHERE type = ANY(${textArray(settings.hotSignalEvents)}) AND occurred_ms >= ${nowMs - settings.hotSignalDays * DAY_MS}::float8)`);
      hotJoin = sql` LEFT JOIN hot ON hot.lead_id = t.lead_id`;
    }
    const isHot = settings.hotSignalEvents.length > 0 ? sql`hot.lead_id IS NOT NULL OR ` : sql``;
    temperature = sql`, CASE WHEN ${isHot}t.total >= ${settings.bands.hot}::float8 THEN 'hot'
      WHEN t.total >= ${settings.bands.warm}::float8 THEN 'warm' ELSE 'cold' END AS temperature`;
  }
  return sql`WITH ${sql.join(ctes, sql`, `)}
    SELECT t.*${temperature} FROM (SELECT totals.*, ${round2Sql(sql`totals.fit + totals.engagement`)} AS total FROM totals) t${hotJoin}`;
}

/** selectOccurrences as a predicate over one ranked match `x` (rn: recency rank, matching: count). */
function selectionSql(rule: EngagementRule): SQL {
  const { condition, frequency } = rule;
  if (condition.minCount !== undefined) return sql`(x.rn = 1 AND x.matching >= ${condition.minCount}::int)`;
  if (frequency.mode === 'once') return sql`x.rn = 1`;
  if (frequency.mode === 'per_occurrence') return sql`x.rn <= ${frequency.max}::int`;
  // The most recent event of each period bucket, for the `max` most recent buckets.
  return frequency.max === undefined
    ? sql`x.bucket_rn = 1`
    : sql`(x.bucket_rn = 1 AND x.bucket_rank <= ${frequency.max}::int)`;
}
