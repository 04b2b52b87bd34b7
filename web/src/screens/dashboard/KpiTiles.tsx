import { useFormat, useT } from '../../app/i18n.tsx';
import type { Dashboard } from './dashboard-types.ts';
import { dashboardMessages } from './messages.ts';

/** The headline numbers of the period, as a labelled list so each value is read with its name. */
export function KpiTiles({ dashboard }: { dashboard: Dashboard }) {
  const t = useT(dashboardMessages);
  const format = useFormat();
  const reached = (stage: Dashboard['funnel'][number]['stage']) =>
    dashboard.funnel.find((step) => step.stage === stage)?.count ?? 0;
  const tiles = [
    { key: 'leads', label: t('kpiLeads'), value: format.number(reached('lead')) },
    { key: 'mql', label: t('kpiMql'), value: format.number(reached('mql')) },
    { key: 'sql', label: t('kpiSql'), value: format.number(reached('sql')) },
    { key: 'customers', label: t('kpiCustomers'), value: format.number(reached('customer')) },
    { key: 'speed', label: t('kpiMedianSpeed'), value: format.duration(dashboard.speedToLead.p50Seconds) },
    { key: 'held', label: t('kpiMeetingsHeld'), value: format.number(dashboard.meetings.held) },
  ];
  return (
    <section aria-labelledby="dashboard-kpis">
      <h2 id="dashboard-kpis" className="sr-only">
        {t('kpiSummary')}
      </h2>
      <ul className="dash-kpis">
        {tiles.map((tile) => (
          <li key={tile.key} className="dash-kpi" data-testid={`kpi-${tile.key}`}>
            <span className="dash-kpi-label">{tile.label}</span>
            <span className="dash-kpi-value">{tile.value}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
