import type { ComponentType } from 'react';
import { useT } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { EmptyState, PageHeader } from '../../app/ui.tsx';
import { AgentSettings } from './AgentSettings.tsx';
import { ChannelsSettings } from './ChannelsSettings.tsx';
import { DemoSettings } from './DemoSettings.tsx';
import { settingsMessages } from './messages.ts';
import { RoutingSettings } from './part2/RoutingSettings.tsx';
import { SchedulingSettings } from './part2/SchedulingSettings.tsx';
import { SequencesSettings } from './part2/SequencesSettings.tsx';
import { QualificationSettings } from './QualificationSettings.tsx';
import { ScoringSettings } from './scoring/ScoringSettings.tsx';
import { UsersSettings } from './UsersSettings.tsx';
import './Settings.css';

/** Sections in the order of the sub-navigation; the slug is the last part of /settings/<slug>. */
const SECTIONS: readonly { slug: string; component: ComponentType }[] = [
  { slug: 'scoring', component: ScoringSettings },
  { slug: 'qualification', component: QualificationSettings },
  { slug: 'agent', component: AgentSettings },
  { slug: 'channels', component: ChannelsSettings },
  { slug: 'sequences', component: SequencesSettings },
  { slug: 'routing', component: RoutingSettings },
  { slug: 'scheduling', component: SchedulingSettings },
  { slug: 'users', component: UsersSettings },
  { slug: 'demo', component: DemoSettings },
];

export function SettingsScreen({ params }: { params: Record<string, string> }) {
  const t = useT(settingsMessages);
  const slug = params.section ?? 'scoring';
  const section = SECTIONS.find((item) => item.slug === slug);
  const Section = section?.component;
  return (
    <>
      <PageHeader title={t('title')} />
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('sectionsNav')}>
          <ul>
            {SECTIONS.map((item) => (
              <li key={item.slug}>
                <Link
                  to={`/settings/${item.slug}`}
                  aria-current={item.slug === slug ? 'page' : undefined}
                  data-testid={`settings-nav-${item.slug}`}
                >
                  {t(`section_${item.slug}` as 'section_scoring')}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-section">
          {Section ? <Section key={slug} /> : <EmptyState>{t('unknownSection')}</EmptyState>}
        </div>
      </div>
    </>
  );
}
