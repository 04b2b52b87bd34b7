import { truncateText } from '../../platform/text.ts';
import type { FitCondition, FitRule } from './grid/grid.schemas.ts';
import type { GridPoint } from './predictive/index.ts';
import { EVENT_FEATURE_PREFIX, gridFieldOfColumn, JOB_TITLE_GROUPS } from './predictive-features.rules.ts';

/**
 * Frozen grid points → fit rules of the workspace grid, where a point's condition can be said with
 * the grid's fit conditions (equals / in / not_in / missing / contains_any / free_email_domain /
 * employees_between on lead fields and attributes.*). The rest is returned with the reason, never
 * dropped silently: the base points, event counts, first-touch utm fields and numeric ranges.
 */

/** Rules made by a freeze carry this id prefix; the next freeze replaces them, other rules stay. */
export const FROZEN_RULE_PREFIX = 'model-';
const MAX_TEXT = 200;
const MAX_VALUES = 200;

export interface SkippedPoint {
  feature: string;
  condition: string;
  points: number;
  reason: string;
}
export interface FrozenRules {
  rules: FitRule[];
  skipped: SkippedPoint[];
  /** Where a rule only approximates the point (said once per feature). */
  notes: string[];
}

/** Which model the points came from: the workspace's own features, or the columns of a CSV. */
export type FeatureNaming = 'workspace' | 'csv';

const WORKSPACE_FIELDS: Record<string, string> = {
  source: 'source',
  country: 'country',
  language: 'language',
  companySize: 'companySize',
  companyIndustry: 'companyIndustry',
};

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'rule'
  );
}

type Mapped = { condition: FitCondition; note?: string } | { reason: string };

function mapCategorical(field: string, point: GridPoint): Mapped {
  const { rule } = point;
  switch (rule.kind) {
    case 'missing':
      return { condition: { op: 'missing', field } };
    case 'equals':
      return rule.value.length > MAX_TEXT
        ? { reason: `the value is longer than ${MAX_TEXT} characters` }
        : { condition: { op: 'equals', field, value: rule.value } };
    case 'other': {
      const known = rule.known.filter((value) => value.length <= MAX_TEXT);
      if (known.length === 0) return { condition: { op: 'exists', field } };
      if (known.length > MAX_VALUES) return { reason: `more than ${MAX_VALUES} known values to exclude` };
      return { condition: { op: 'not_in', field, values: known } };
    }
    case 'range':
      if (field === 'companySize') {
        // Company sizes read as their first whole number, like the grid's employees_between.
        const min = rule.above === null ? 0 : Math.floor(rule.above) + 1;
        const max = rule.atMost === null ? null : Math.floor(rule.atMost);
        if (max !== null && max < min) return { reason: 'the range holds no whole number of employees' };
        return { condition: { op: 'employees_between', min, max } };
      }
      return { reason: 'numeric range: grid conditions compare text values, not numbers' };
    case 'always':
      return { reason: 'applies to every lead' };
  }
}

function mapJobTitleGroup(point: GridPoint): Mapped {
  const { rule } = point;
  if (rule.kind === 'missing') return { condition: { op: 'missing', field: 'jobTitle' } };
  const group =
    rule.kind === 'equals' ? JOB_TITLE_GROUPS.find((entry) => entry.group === rule.value) : undefined;
  if (!group)
    return { reason: 'a job title matching no seniority keyword cannot be said as one grid condition' };
  return {
    condition: { op: 'contains_any', field: 'jobTitle', values: group.keywords },
    note: 'jobTitleGroup: the model takes the first matching group (executive, director, manager, student); the grid adds the points of every group whose keywords a title contains.',
  };
}

function mapPoint(point: GridPoint, naming: FeatureNaming): Mapped {
  const { feature, rule } = point;
  if (rule.kind === 'always')
    return {
      reason:
        'the base points apply to every lead: the grid has no condition that is always true, so every score is shifted by the same amount (thresholds and bands may need adjusting)',
    };
  if (naming === 'csv') {
    const field = gridFieldOfColumn(feature);
    return field
      ? mapCategorical(field, point)
      : { reason: 'the column name is not a lead field nor a valid attribute key' };
  }
  if (feature.startsWith(EVENT_FEATURE_PREFIX))
    return {
      reason:
        'counts events in the first days after arrival; engagement rules count events in a window before now — add an engagement rule by hand if wanted',
    };
  if (feature === 'utmSource' || feature === 'utmMedium')
    return { reason: "the grid reads lead fields and attributes, not the first touch's utm" };
  if (feature === 'jobTitleGroup') return mapJobTitleGroup(point);
  if (feature === 'emailDomain') {
    if (rule.kind === 'missing') return { condition: { op: 'missing', field: 'email' } };
    if (rule.kind === 'equals' && rule.value === 'free') return { condition: { op: 'free_email_domain' } };
    // Corporate = has an e-mail and it is not free: said as "exists" plus a correction on the free rule.
    if (rule.kind === 'equals' && rule.value === 'corporate')
      return { condition: { op: 'exists', field: 'email' } };
    return { reason: 'unknown e-mail domain group' };
  }
  const field = WORKSPACE_FIELDS[feature] ?? (feature.startsWith('attributes.') ? feature : undefined);
  return field ? mapCategorical(field, point) : { reason: 'no grid field for this feature' };
}

/** Every e-mail rule of a corporate address also fires "exists": the free rule takes back the difference. */
function correctEmailPoints(points: GridPoint[]): GridPoint[] {
  const corporate = points.find(
    (point) =>
      point.feature === 'emailDomain' && point.rule.kind === 'equals' && point.rule.value === 'corporate',
  );
  if (!corporate) return points;
  const free = points.find(
    (point) => point.feature === 'emailDomain' && point.rule.kind === 'equals' && point.rule.value === 'free',
  );
  const freePoints = (free?.points ?? 0) - corporate.points;
  const others = points
    .filter((point) => point !== free)
    .map((point) =>
      point === corporate
        ? { ...point, condition: 'has an e-mail address (corporate unless at a free domain)' }
        : point,
    );
  if (freePoints === 0) return others;
  return [
    ...others,
    {
      feature: 'emailDomain',
      condition: 'e-mail at a free domain (relative to corporate)',
      points: freePoints,
      rule: { kind: 'equals', value: 'free' },
    },
  ];
}

/** The frozen points as fit rules (ids `model-…`), with what could not be expressed and why. */
export function toFrozenRules(points: GridPoint[], naming: FeatureNaming): FrozenRules {
  const rules: FitRule[] = [];
  const skipped: SkippedPoint[] = [];
  const notes = new Set<string>();
  const usedIds = new Set<string>();
  for (const point of naming === 'workspace' ? correctEmailPoints(points) : points) {
    const mapped = mapPoint(point, naming);
    if (!('condition' in mapped)) {
      skipped.push({
        feature: point.feature,
        condition: point.condition,
        points: point.points,
        reason: mapped.reason,
      });
      continue;
    }
    if (mapped.note) notes.add(mapped.note);
    let id = `${FROZEN_RULE_PREFIX}${slug(point.condition)}`;
    for (let n = 2; usedIds.has(id); n++) id = `${FROZEN_RULE_PREFIX}${slug(point.condition)}-${n}`;
    usedIds.add(id);
    rules.push({
      id,
      name: truncateText(`Model: ${point.condition}`, MAX_TEXT),
      group: 'fit',
      points: Math.max(-1000, Math.min(1000, point.points)),
      isEnabled: true,
      condition: mapped.condition,
    });
  }
  return { rules, skipped, notes: [...notes] };
}
