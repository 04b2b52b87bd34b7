import { useT } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { EmptyState } from '../../app/ui.tsx';
import { dashboardMessages } from './messages.ts';

/** First run: nothing to chart yet, so point to the demo data (Settings → Demo data loads it). */
export function EmptyWorkspace() {
  const t = useT(dashboardMessages);
  return (
    <EmptyState>
      <div data-testid="dashboard-empty">
        <h2>{t('emptyWorkspaceTitle')}</h2>
        <p>{t('emptyWorkspaceText')}</p>
        <Link to="/settings/demo" data-testid="dashboard-demo-link">
          {t('emptyWorkspaceLink')}
        </Link>
      </div>
    </EmptyState>
  );
}
