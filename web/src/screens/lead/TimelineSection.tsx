import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import type { User } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Button, Card, EmptyState, ErrorBanner, Loading } from '../../app/ui.tsx';
import { labelOf, leadLabels } from './labels.ts';
import type { TimelineEvent, TimelinePage } from './lead-data.ts';
import { leadMessages } from './messages.ts';

const PAGE_SIZE = 50;

// A plain glyph per type (fonts without emoji still draw them), decorative only: the label beside it says the same in words.
const ICONS: Record<string, string> = {
  form_submitted: '✎',
  page_viewed: '◉',
  email_opened: '✉',
  email_clicked: '↗',
  content_downloaded: '⬇',
  webinar_registered: '▶',
  demo_requested: '★',
  quote_requested: '€',
  message_received: '←',
  message_sent: '→',
  unsubscribed: '⊘',
  bounced: '⚠',
  stage_changed: '➜',
  meeting_booked: '◷',
  lead_captured: '✚',
  lead_updated: '✎',
  lead_merged: '⇆',
  consent_changed: '✓',
  owner_assigned: '☺',
  agent_verdict: '⚑',
};

/** Every event of the lead (and of leads merged into it), newest first, a page at a time. */
export function TimelineSection({
  leadId,
  users,
  version,
}: {
  leadId: string;
  users: User[];
  version: number;
}) {
  const t = useT(leadMessages);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const nameOf = (id: string) => users.find((user) => user.id === id)?.name ?? id;

  const load = async (before: string | null) => {
    setLoading(true);
    try {
      const page = await api.get<TimelinePage>(`/api/v1/leads/${leadId}/timeline`, {
        limit: PAGE_SIZE,
        before,
      });
      setEvents((current) => (before ? [...current, ...page.data] : page.data));
      setNext(page.nextBefore);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads from the first page when the lead changes.
  useEffect(() => {
    void load(null);
  }, [leadId, version]);

  return (
    <Card title={t('timelineTitle')}>
      <ErrorBanner error={error} onRetry={() => void load(null)} />
      {!loading && !error && events.length === 0 && <EmptyState>{t('noEvents')}</EmptyState>}
      <ol className="lead-timeline" data-testid="timeline">
        {events.map((event) => (
          <TimelineItem key={event.id} event={event} nameOf={nameOf} />
        ))}
      </ol>
      {loading && <Loading />}
      {next && !loading && (
        <Button onClick={() => void load(next)} data-testid="timeline-more">
          {t('loadMore')}
        </Button>
      )}
    </Card>
  );
}

function TimelineItem({ event, nameOf }: { event: TimelineEvent; nameOf: (id: string) => string }) {
  const t = useT(leadMessages);
  const tl = useT(leadLabels);
  const format = useFormat();
  const summary = summaryOf(event, nameOf);
  return (
    <li data-event-type={event.type}>
      <span className="lead-timeline-icon" aria-hidden="true">
        {ICONS[event.type] ?? '•'}
      </span>
      <div>
        <strong>{labelOf(tl, 'event_', event.type)}</strong>{' '}
        <time dateTime={event.occurredAt} className="muted">
          {format.dateTime(event.occurredAt)}
        </time>
        {summary && <div className="lead-break">{summary}</div>}
        <details>
          <summary>{t('details')}</summary>
          <pre className="lead-raw">
            {JSON.stringify(
              { source: event.source, actor: event.actor, properties: event.properties },
              null,
              2,
            )}
          </pre>
        </details>
      </div>
    </li>
  );
}

/** One line of the properties people look for first (page, form, reason), when the event has them. */
function summaryOf(event: TimelineEvent, nameOf: (id: string) => string): string | null {
  const properties = event.properties ?? {};
  const pick = (...keys: string[]) =>
    keys.map((key) => properties[key]).find((value) => typeof value === 'string' && value) as
      | string
      | undefined;
  if (event.type === 'stage_changed' || event.type === 'owner_assigned') {
    // Owners are user ids: shown by name when the user is known.
    const who = (id: string | undefined) => (id && event.type === 'owner_assigned' ? nameOf(id) : id);
    const from = who(pick('from')) ?? '—';
    const to = who(pick('to')) ?? '—';
    const reason = pick('reason');
    return `${from} → ${to}${reason ? ` · ${reason}` : ''}`;
  }
  return pick('title', 'url', 'formName', 'formId', 'subject', 'text', 'reason', 'name') ?? null;
}
