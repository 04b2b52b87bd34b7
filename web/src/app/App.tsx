import { type ComponentType, useEffect } from 'react';
import { DashboardScreen } from '../screens/dashboard/DashboardScreen.tsx';
import { InboxScreen } from '../screens/inbox/InboxScreen.tsx';
import { LeadScreen } from '../screens/lead/LeadScreen.tsx';
import { LeadsScreen } from '../screens/leads/LeadsScreen.tsx';
import { LoginScreen } from '../screens/login/LoginScreen.tsx';
import { PipelineScreen } from '../screens/pipeline/PipelineScreen.tsx';
import { SandboxScreen } from '../screens/sandbox/SandboxScreen.tsx';
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx';
import { LocaleProvider, useT } from './i18n.tsx';
import { common } from './messages.ts';
import { matchPath, navigate, useLocation } from './router.tsx';
import { Shell } from './Shell.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { EmptyState, Loading } from './ui.tsx';

/** Screens by path, matched in order; each receives the path's parameters. */
const ROUTES: { path: string; screen: ComponentType<{ params: Record<string, string> }> }[] = [
  { path: '/dashboard', screen: DashboardScreen },
  { path: '/leads', screen: LeadsScreen },
  { path: '/leads/:id', screen: LeadScreen },
  { path: '/pipeline', screen: PipelineScreen },
  { path: '/inbox', screen: InboxScreen },
  { path: '/inbox/:conversationId', screen: InboxScreen },
  { path: '/sandbox', screen: SandboxScreen },
  { path: '/settings', screen: SettingsScreen },
  { path: '/settings/:section', screen: SettingsScreen },
];

function Routes() {
  const t = useT(common);
  const { pathname } = useLocation();
  const { status } = useSession();
  useEffect(() => {
    if (status === 'signed-in' && (pathname === '/' || pathname === '/login'))
      navigate('/dashboard', { replace: true });
  }, [status, pathname]);
  if (status === 'loading') return <Loading />;
  if (status === 'signed-out') return <LoginScreen />;
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) {
      const Screen = route.screen;
      return (
        <Shell>
          <Screen params={params} />
        </Shell>
      );
    }
  }
  return (
    <Shell>
      <EmptyState>{t('notFound')}</EmptyState>
    </Shell>
  );
}

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <Routes />
      </SessionProvider>
    </LocaleProvider>
  );
}
