import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState, useSyncExternalStore } from 'react';

// A small history router: the app has a dozen screens and no nested layouts, which does not justify a
// routing dependency. Paths are matched in order against patterns like `/leads/:id`.

const listeners = new Set<() => void>();
function notify(): void {
  for (const listener of listeners) listener();
}
globalThis.addEventListener?.('popstate', notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
  globalThis.scrollTo?.(0, 0);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, 'http://app');
  return { pathname: url.pathname, search: url.searchParams };
}

/** Matches `/leads/:id` against `/leads/abc` → `{ id: 'abc' }`, or null. `*` matches the rest. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let index = 0; index < patternParts.length; index++) {
    const part = patternParts[index]!;
    if (part === '*') return params;
    const value = pathParts[index];
    if (value === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return patternParts.length === pathParts.length ? params : null;
}

/** An `<a>` that navigates without reloading (and still opens in a new tab with a modifier key). */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** Updates one query parameter in place (filters, tabs), keeping the others. */
export function useQueryParam(name: string): [string | null, (value: string | null) => void] {
  const { search } = useLocation();
  const [value, setValue] = useState(search.get(name));
  useEffect(() => setValue(search.get(name)), [search, name]);
  const update = (next: string | null) => {
    const params = new URLSearchParams(location.search);
    if (next === null || next === '') params.delete(name);
    else params.set(name, next);
    const query = params.toString();
    navigate(`${location.pathname}${query ? `?${query}` : ''}`, { replace: true });
  };
  return [value, update];
}
