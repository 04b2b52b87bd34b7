import { api } from '../../app/api.ts';
import type { Lead, Page } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { useQueryParam } from '../../app/router.tsx';
import { EmptyState, ErrorBanner, Loading, PageHeader, SelectField } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { ConversationOutcomes } from './ConversationOutcomes.tsx';
import { type Dashboard, PERIOD_DAYS, type PeriodDays } from './dashboard-types.ts';
import { EmptyWorkspace } from './EmptyWorkspace.tsx';
import { FunnelChart } from './FunnelChart.tsx';
import { KpiTiles } from './KpiTiles.tsx';
import { dashboardMessages } from './messages.ts';
import { SpeedToLeadChart } from './SpeedToLeadChart.tsx';
import { LeadsBySourceChart, LeadsByTemperatureChart, MeetingsChart } from './WeeklyCharts.tsx';
import './Dashboard.css';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS: PeriodDays = '90';

function isPeriodDays(value: string | null): value is PeriodDays {
  return (PERIOD_DAYS as readonly (string | null)[]).includes(value);
}

function isQuiet(dashboard: Dashboard): boolean {
  return (
    dashboard.funnel.every((step) => step.count === 0) &&
    dashboard.conversations.total === 0 &&
    dashboard.meetings.booked + dashboard.meetings.held + dashboard.meetings.noShow === 0
  );
}

/** The period's figures; a quiet period also asks whether the workspace has any lead at all (first run). */
async function loadDashboard(days: PeriodDays): Promise<{ dashboard: Dashboard; isWorkspaceEmpty: boolean }> {
  const to = new Date();
  const from = new Date(to.getTime() - Number(days) * DAY_MS);
  const dashboard = await api.get<Dashboard>('/api/v1/analytics/dashboard', {
    from: from.toISOString(),
    to: to.toISOString(),
  });
  if (!isQuiet(dashboard)) return { dashboard, isWorkspaceEmpty: false };
  const leads = await api.get<Page<Lead>>('/api/v1/leads', { limit: 1 });
  return { dashboard, isWorkspaceEmpty: leads.data.length === 0 };
}

export function DashboardScreen(_props: { params: Record<string, string> }) {
  const t = useT(dashboardMessages);
  const format = useFormat();
  const [daysParam, setDays] = useQueryParam('days');
  const days = isPeriodDays(daysParam) ? daysParam : DEFAULT_DAYS;
  const loaded = useApi(() => loadDashboard(days), [days]);
  const dashboard = loaded.data?.dashboard;

  const picker = (
    <SelectField
      label={t('periodLabel')}
      value={days}
      data-testid="dashboard-period"
      onChange={(event) => setDays(event.target.value === DEFAULT_DAYS ? null : event.target.value)}
      options={PERIOD_DAYS.map((value) => ({ value, label: t(`period${value}`) }))}
    />
  );

  return (
    <>
      <PageHeader title={t('title')} />
      <div className="dash-toolbar">
        {picker}
        {dashboard && (
          <p className="muted" data-testid="dashboard-range">
            {t('periodRange', {
              from: format.date(dashboard.period.from),
              to: format.date(dashboard.period.to),
            })}
            {dashboard.scope === 'own_leads' && <> · {t('scopeOwn')}</>}
          </p>
        )}
      </div>
      <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !dashboard && <Loading />}
      {loaded.data?.isWorkspaceEmpty && <EmptyWorkspace />}
      {dashboard && !loaded.data?.isWorkspaceEmpty && (
        <div aria-busy={loaded.loading}>
          <KpiTiles dashboard={dashboard} />
          {isQuiet(dashboard) && <EmptyState>{t('emptyPeriod')}</EmptyState>}
          <div className="dash-grid">
            <FunnelChart funnel={dashboard.funnel} />
            <SpeedToLeadChart speed={dashboard.speedToLead} />
            <LeadsBySourceChart series={dashboard.leadsBySource} />
            <LeadsByTemperatureChart series={dashboard.leadsByTemperature} />
            <MeetingsChart meetings={dashboard.meetings} />
            <ConversationOutcomes outcomes={dashboard.conversations} />
          </div>
        </div>
      )}
    </>
  );
}
