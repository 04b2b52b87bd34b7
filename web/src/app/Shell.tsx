import type { ReactNode } from 'react';
import { LOCALES, type Locale, useLocale, useT } from './i18n.tsx';
import { common } from './messages.ts';
import { Link, useLocation } from './router.tsx';
import { useSession } from './session.tsx';
import { Button } from './ui.tsx';

const NAV = [
  { to: '/dashboard', key: 'navDashboard' },
  { to: '/leads', key: 'navLeads' },
  { to: '/pipeline', key: 'navPipeline' },
  { to: '/inbox', key: 'navInbox' },
  { to: '/sandbox', key: 'navSandbox' },
  { to: '/settings', key: 'navSettings' },
] as const;

/** Sidebar navigation, language switch and the signed-in user around every screen. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT(common);
  const { pathname } = useLocation();
  const { locale, setLocale } = useLocale();
  const { me, logOut } = useSession();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <aside className="sidebar">
        <Link to="/dashboard" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('appName')}
        </Link>
        <nav aria-label={t('mainNavigation')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={pathname.startsWith(item.to) ? 'page' : undefined}>
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <label htmlFor="locale-switch">{t('language')}</label>
          <select
            id="locale-switch"
            value={locale}
            onChange={(event) => setLocale(event.target.value as Locale)}
          >
            {LOCALES.map((value) => (
              <option key={value} value={value}>
                {value === 'fr' ? 'Français' : 'English'}
              </option>
            ))}
          </select>
          <span>{me?.user?.name ?? me?.user?.email}</span>
          <Button variant="secondary" onClick={() => void logOut()}>
            {t('logOut')}
          </Button>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
