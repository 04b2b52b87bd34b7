import type { Query } from '../../app/api.ts';

// The list's filters live in the URL (shareable, back button) in a readable form: dates as the
// calendar days of the date inputs. The API takes instants, so they are converted at the edge.

export const FILTER_KEYS = [
  'stage',
  'temperature',
  'scoreMin',
  'scoreMax',
  'ownerId',
  'source',
  'createdFrom',
  'createdTo',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const SORTS = ['-createdAt', 'createdAt', '-score', 'score', '-updatedAt', 'updatedAt'] as const;
export type Sort = (typeof SORTS)[number];
export const DEFAULT_SORT: Sort = '-createdAt';

export function readListState(search: URLSearchParams): { filters: Filters; sort: Sort } {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  const sort = search.get('sort');
  return { filters, sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : DEFAULT_SORT };
}

export function toSearchString(filters: Filters, sort: Sort): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  if (sort !== DEFAULT_SORT) params.set('sort', sort);
  return params.toString();
}

/** Start of a calendar day in the browser's time zone, as an ISO instant. */
function startOfDay(day: string, addDays = 0): string | undefined {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return undefined;
  return new Date(year, month - 1, date + addDays).toISOString();
}

function dayOf(instant: string, addDays = 0): string | undefined {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return undefined;
  value.setDate(value.getDate() + addDays);
  const pad = (number: number) => String(number).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** The filters as the API takes them ("created until" includes that whole day). */
export function toApiFilters(filters: Filters): Record<string, string | number> {
  const api: Record<string, string | number> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (!value) continue;
    if (key === 'createdFrom') {
      const instant = startOfDay(value);
      if (instant) api[key] = instant;
    } else if (key === 'createdTo') {
      const instant = startOfDay(value, 1);
      if (instant) api[key] = instant;
    } else if (key === 'scoreMin' || key === 'scoreMax') {
      if (Number.isFinite(Number(value))) api[key] = Number(value);
    } else api[key] = value;
  }
  return api;
}

/** A saved view's filters (API form) back into the URL's form. */
export function fromApiFilters(api: Record<string, unknown>): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = api[key];
    if (value === undefined || value === null || value === '') continue;
    if (key === 'createdFrom') filters[key] = dayOf(String(value));
    else if (key === 'createdTo') filters[key] = dayOf(String(value), -1);
    else filters[key] = String(value);
  }
  return filters;
}

export function listQuery(filters: Filters, sort: Sort): Query {
  return { ...toApiFilters(filters), sort };
}

export function hasFilters(filters: Filters): boolean {
  return FILTER_KEYS.some((key) => Boolean(filters[key]));
}
