import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../../app/api.ts';
import type { Lead } from '../../app/domain.ts';

interface LeadPage {
  data: Lead[];
  nextCursor: string | null;
  total?: number;
  totalIsCapped?: boolean;
}

export interface LeadPages {
  leads: Lead[];
  total: number | undefined;
  totalIsCapped: boolean;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
}

const PAGE_SIZE = 50;

/**
 * The list by server-side pages: the first page (with the total, counted once) whenever the query
 * changes, then "Load more" appends the next page by cursor. An answer for an older query is dropped.
 */
export function useLeadPages(query: Query): LeadPages {
  const key = JSON.stringify(query);
  const [leads, setLeads] = useState<Lead[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<{ count: number; isCapped: boolean }>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query's value; `tick` reloads.
  useEffect(() => {
    const current = ++generation.current;
    setLoading(true);
    api.get<LeadPage>('/api/v1/leads', { ...query, limit: PAGE_SIZE, includeTotal: true }).then(
      (page) => {
        if (current !== generation.current) return;
        setLeads(page.data);
        setCursor(page.nextCursor);
        setTotal({ count: page.total ?? page.data.length, isCapped: page.totalIsCapped ?? false });
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (current !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, [key, tick]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const current = generation.current;
    setLoadingMore(true);
    api.get<LeadPage>('/api/v1/leads', { ...query, limit: PAGE_SIZE, cursor }).then(
      (page) => {
        if (current !== generation.current) return;
        setLeads((previous) => [...previous, ...page.data]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (current !== generation.current) return;
        setError(failure);
        setLoadingMore(false);
      },
    );
  }, [cursor, query]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return {
    leads,
    total: total?.count,
    totalIsCapped: total?.isCapped ?? false,
    hasMore: cursor !== null,
    loading,
    loadingMore,
    error,
    loadMore,
    reload,
  };
}
