import { isDemo, type Lead, leadName } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Link } from '../../app/router.tsx';
import { Badge, StageBadge, TemperatureBadge } from '../../app/ui.tsx';
import type { Sort } from './leads-query.ts';
import { leadsMessages } from './messages.ts';

type SortField = 'createdAt' | 'score';

/** A column header that sorts: a button inside the <th>, with aria-sort saying the current order. */
function SortableHeader({
  field,
  label,
  sort,
  onSort,
}: {
  field: SortField;
  label: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const t = useT(leadsMessages);
  const active = sort.replace('-', '') === field;
  const descending = sort.startsWith('-');
  const ariaSort = active ? (descending ? 'descending' : 'ascending') : 'none';
  // First click on a column sorts highest / newest first, the next one reverses.
  const next: Sort = active && descending ? field : `-${field}`;
  return (
    <th scope="col" aria-sort={ariaSort} className={field === 'score' ? 'num' : undefined}>
      <button
        type="button"
        className="leads-sort"
        onClick={() => onSort(next)}
        title={t('sortBy', { column: label })}
        data-testid={`sort-${field}`}
      >
        {label}
        <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

export function LeadsTable({
  leads,
  ownerNames,
  sort,
  onSort,
  selected,
  onToggle,
  onTogglePage,
}: {
  leads: Lead[];
  ownerNames: Map<string, string>;
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: ReadonlySet<string>;
  onToggle: (leadId: string) => void;
  onTogglePage: (select: boolean) => void;
}) {
  const t = useT(leadsMessages);
  const tc = useT(common);
  const format = useFormat();
  const allSelected = leads.length > 0 && leads.every((lead) => selected.has(lead.id));
  return (
    <div className="leads-table-wrap">
      <table className="data" data-testid="leads-table">
        <thead>
          <tr>
            <th scope="col" className="leads-check">
              <input
                type="checkbox"
                aria-label={t('selectPage')}
                checked={allSelected}
                onChange={(event) => onTogglePage(event.target.checked)}
                data-testid="select-page"
              />
            </th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('company')}</th>
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('temperature')}</th>
            <SortableHeader field="score" label={t('score')} sort={sort} onSort={onSort} />
            <th scope="col">{t('owner')}</th>
            <th scope="col">{t('source')}</th>
            <SortableHeader field="createdAt" label={t('created')} sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => {
            const name = leadName(lead);
            return (
              <tr key={lead.id} data-testid="lead-row" data-lead-id={lead.id}>
                <td className="leads-check">
                  <input
                    type="checkbox"
                    aria-label={t('selectLead', { name })}
                    checked={selected.has(lead.id)}
                    onChange={() => onToggle(lead.id)}
                  />
                </td>
                <td>
                  <Link to={`/leads/${encodeURIComponent(lead.id)}`}>{name}</Link>
                  {isDemo(lead) && (
                    <>
                      {' '}
                      <Badge kind="demo">{tc('demoBadge')}</Badge>
                    </>
                  )}
                </td>
                <td>{lead.company?.name ?? '—'}</td>
                <td>
                  <StageBadge stage={lead.stage} />
                </td>
                <td>
                  <TemperatureBadge temperature={lead.temperature} />
                </td>
                <td className="num">{format.number(Math.round(lead.score))}</td>
                <td>{lead.ownerId ? (ownerNames.get(lead.ownerId) ?? lead.ownerId) : '—'}</td>
                <td>{lead.source ?? '—'}</td>
                <td>
                  <time dateTime={lead.createdAt}>{format.date(lead.createdAt)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
