import { ApiError, api } from '../../../app/api.ts';
import type { User } from '../../../app/domain.ts';
import { type Loaded, useApi } from '../../../app/use-api.ts';

// Helpers the three settings sections share: server validation errors by path, and the workspace's users.

export interface PathError {
  path: string;
  message: string;
}

/** `steps[2].duration` and `steps.2.duration` both become `steps.2.duration`, so either spelling matches. */
export function normalizePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** The `{ path, message }` entries of a 400 answer (sequence, template, team, rule, availability). */
export function errorDetails(error: unknown): PathError[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details
    .filter(
      (detail): detail is PathError =>
        typeof detail === 'object' &&
        detail !== null &&
        typeof (detail as PathError).message === 'string' &&
        typeof (detail as PathError).path === 'string',
    )
    .map((detail) => ({ path: normalizePath(detail.path), message: detail.message }));
}

/** Messages whose path is `prefix` or lies under it (`steps.2` takes `steps.2.delay`, not `steps.20`). */
export function errorsAt(errors: readonly PathError[], prefix: string): string[] {
  const wanted = normalizePath(prefix);
  return errors
    .filter((error) => error.path === wanted || error.path.startsWith(`${wanted}.`))
    .map((error) =>
      error.path === wanted ? error.message : `${error.path.slice(wanted.length + 1)}: ${error.message}`,
    );
}

/** Errors shown next to the control they concern; announced when they appear. */
export function FieldErrors({ messages, testId }: { messages: readonly string[]; testId?: string }) {
  if (messages.length === 0) return null;
  return (
    <ul className="p2-field-errors" role="alert" data-testid={testId}>
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

export function useUsers(): Loaded<{ data: User[] }> {
  return useApi(() => api.get<{ data: User[] }>('/api/v1/users'), []);
}

export function userLabel(users: readonly User[] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  return users?.find((user) => user.id === id)?.name ?? id;
}

/** Lifecycle stages and temperatures as the server names them. */
export { STAGES as LIFECYCLE, TEMPERATURES as TEMPERATURE_NAMES } from '../../../app/domain.ts';
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
