import { useCallback, useState } from 'react';
import { ApiError, api } from '../../app/api.ts';
import type { Lead, User } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Link } from '../../app/router.tsx';
import { ErrorBanner, Loading, PageHeader } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { BantSection } from './BantSection.tsx';
import { ConsentSection } from './ConsentSection.tsx';
import { ConversationsSection, type MessageTarget } from './ConversationsSection.tsx';
import { HistorySection } from './HistorySection.tsx';
import { IdentitySection } from './IdentitySection.tsx';
import { LeadHeader } from './LeadHeader.tsx';
import type { Checklist } from './lead-data.ts';
import { MeetingsSection } from './MeetingsSection.tsx';
import { MergeSection } from './MergeSection.tsx';
import { leadMessages } from './messages.ts';
import { RoutingSection } from './RoutingSection.tsx';
import { ScoreSection } from './ScoreSection.tsx';
import { SectionBoundary } from './SectionBoundary.tsx';
import { TimelineSection } from './TimelineSection.tsx';
import './Lead.css';

/**
 * The lead's story on one page, like a CRM contact record: who they are, why they score what they
 * score, where they stand and how they got there, what they said, and what is planned.
 * Each section loads its own data, so one failing endpoint leaves the others readable.
 */
export function LeadScreen({ params }: { params: Record<string, string> }) {
  const t = useT(leadMessages);
  const tc = useT(common);
  const id = params.id ?? '';
  // Bumped after every change made here (stage, owner, fields, merge) so each section reloads.
  const [version, setVersion] = useState(0);
  const [target, setTarget] = useState<MessageTarget | null>(null);
  const lead = useApi(() => api.get<Lead>(`/api/v1/leads/${id}`), [id, version]);
  const users = useApi(() => api.get<{ data: User[] }>('/api/v1/users'), []);
  const checklist = useApi(() => api.get<Checklist>(`/api/v1/leads/${id}/checklist`), [id, version]);
  const changed = useCallback(() => setVersion((value) => value + 1), []);
  const openMessage = useCallback((messageId: string) => {
    history.replaceState(null, '', `${location.pathname}${location.search}#message-${messageId}`);
    setTarget((current) => ({ messageId, nonce: (current?.nonce ?? 0) + 1 }));
  }, []);

  // After navigating to another lead, the previous one's answer must not stand in for it.
  const data = lead.data?.id === id ? lead.data : undefined;
  if (lead.error && !data) {
    const isMissing = lead.error instanceof ApiError && lead.error.status === 404;
    return (
      <>
        <PageHeader title={isMissing ? t('notFound') : tc('errorTitle')} />
        {!isMissing && <ErrorBanner error={lead.error} onRetry={lead.reload} />}
        <p>
          <Link to="/leads">← {t('back')}</Link>
        </p>
      </>
    );
  }
  if (!data) return <Loading />;
  const people = users.data?.data ?? [];

  return (
    <div className="lead-screen" data-testid="lead-screen">
      <LeadHeader lead={data} users={people} checklist={checklist.data} onChanged={changed} />
      {data.mergedIntoId && (
        <p className="demo-banner" role="note">
          {t('mergedInto')} <Link to={`/leads/${data.mergedIntoId}`}>{t('openSurvivor')}</Link>
        </p>
      )}
      <ErrorBanner error={lead.error} onRetry={lead.reload} />
      <div className="lead-layout">
        <div className="lead-main">
          <SectionBoundary>
            <IdentitySection lead={data} onSaved={changed} />
          </SectionBoundary>
          <SectionBoundary>
            <ScoreSection leadId={id} version={version} />
          </SectionBoundary>
          <SectionBoundary>
            <HistorySection lead={data} users={people} version={version} />
          </SectionBoundary>
          <SectionBoundary>
            <BantSection leadId={id} version={version} onOpenMessage={openMessage} />
          </SectionBoundary>
          <SectionBoundary>
            <ConversationsSection leadId={id} version={version} target={target} />
          </SectionBoundary>
          <SectionBoundary>
            <TimelineSection leadId={id} users={people} version={version} />
          </SectionBoundary>
        </div>
        <div className="lead-side">
          <SectionBoundary>
            <RoutingSection leadId={id} users={people} version={version} checklist={checklist} />
          </SectionBoundary>
          <SectionBoundary>
            <MeetingsSection leadId={id} users={people} version={version} />
          </SectionBoundary>
          <SectionBoundary>
            <ConsentSection leadId={id} version={version} />
          </SectionBoundary>
          <SectionBoundary>
            <MergeSection leadId={id} version={version} onDecided={changed} />
          </SectionBoundary>
        </div>
      </div>
    </div>
  );
}
