import { useEffect, useMemo, useState } from 'react';
import { api, withQuery } from '../../app/api.ts';
import type { User } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Button, EmptyState, ErrorBanner, Loading, PageHeader } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { BulkBar } from './BulkBar.tsx';
import { LeadsFilterBar } from './LeadsFilterBar.tsx';
import { LeadsTable } from './LeadsTable.tsx';
import {
  type Filters,
  fromApiFilters,
  hasFilters,
  listQuery,
  readListState,
  type Sort,
  toApiFilters,
  toSearchString,
} from './leads-query.ts';
import { leadsMessages } from './messages.ts';
import { SavedViewsBar } from './SavedViewsBar.tsx';
import { useLeadPages } from './use-lead-pages.ts';
import './LeadsScreen.css';

export function LeadsScreen(_props: { params: Record<string, string> }) {
  const t = useT(leadsMessages);
  const format = useFormat();
  const { me } = useSession();
  const { search } = useLocation();
  const searchText = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the text is the value of `search`.
  const { filters, sort } = useMemo(() => readListState(search), [searchText]);
  const query = useMemo(() => listQuery(filters, sort), [filters, sort]);
  const pages = useLeadPages(query);
  const users = useApi(() => api.get<{ data: User[] }>('/api/v1/users'), []);
  const ownerNames = useMemo(
    () => new Map((users.data?.data ?? []).map((user) => [user.id, user.name])),
    [users.data],
  );
  const isRep = me?.role === 'sales_rep';
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A new query shows other leads: a selection of leads no longer shown would act blind.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the query changes.
  useEffect(() => setSelected(new Set()), [searchText]);

  const show = (nextFilters: Filters, nextSort: Sort) => {
    const text = toSearchString(nextFilters, nextSort);
    navigate(`/leads${text ? `?${text}` : ''}`, { replace: true });
  };
  const toggle = (leadId: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(leadId)) next.delete(leadId);
      else next.add(leadId);
      return next;
    });
  const togglePage = (select: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const lead of pages.leads) {
        if (select) next.add(lead.id);
        else next.delete(lead.id);
      }
      return next;
    });

  const exportHref = withQuery('/api/v1/leads/export.csv', toApiFilters(filters));
  const isEmptyWorkspace = !pages.loading && !pages.error && pages.total === 0 && !hasFilters(filters);
  const shown = format.number(pages.leads.length);
  const totalText =
    pages.total === undefined
      ? t('shown', { shown })
      : t(pages.totalIsCapped ? 'totalCapped' : 'total', { shown, total: format.number(pages.total) });

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <a
            className="btn btn-secondary"
            href={exportHref}
            download
            title={t('exportHint')}
            data-testid="export-csv"
          >
            {t('exportCsv')}
          </a>
        }
      />
      <div className="stack">
        <SavedViewsBar
          filters={filters}
          sort={sort}
          onApply={(view) => show(fromApiFilters(view.filters), view.sort)}
        />
        <LeadsFilterBar
          filters={filters}
          onChange={(next) => show(next, sort)}
          users={users.data?.data ?? []}
          showOwner={!isRep}
        />
        <ErrorBanner error={pages.error} onRetry={pages.reload} />
        {selected.size > 0 && (
          <BulkBar
            selectedIds={[...selected]}
            leads={pages.leads}
            users={users.data?.data ?? []}
            canAssign={!isRep}
            onClear={() => setSelected(new Set())}
            onChanged={pages.reload}
          />
        )}
        {pages.loading && pages.leads.length === 0 ? (
          <Loading />
        ) : isEmptyWorkspace ? (
          <EmptyState>
            <h2>{t('emptyTitle')}</h2>
            <p>
              <Link to="/settings/demo" data-testid="empty-load-demo">
                {t('emptyDemo')}
              </Link>
            </p>
            <p className="muted">{t('emptyCapture')}</p>
          </EmptyState>
        ) : (
          <>
            <p className="muted" role="status" data-testid="leads-total">
              {totalText}
            </p>
            {pages.leads.length === 0 ? (
              <EmptyState>
                <p>{t('noMatch')}</p>
                <Button onClick={() => show({}, sort)}>{t('clearFilters')}</Button>
              </EmptyState>
            ) : (
              <LeadsTable
                leads={pages.leads}
                ownerNames={ownerNames}
                sort={sort}
                onSort={(next) => show(filters, next)}
                selected={selected}
                onToggle={toggle}
                onTogglePage={togglePage}
              />
            )}
            {pages.hasMore && (
              <div className="row">
                <Button onClick={pages.loadMore} disabled={pages.loadingMore} data-testid="load-more">
                  {pages.loadingMore ? t('working') : t('loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </div>
    </>
  );
}
