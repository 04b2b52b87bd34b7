import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import type { Lead, User } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { navigate } from '../../app/router.tsx';
import { Badge, EmptyState, ErrorBanner, Loading, PageHeader } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { ConversationList, type ConversationRow } from './ConversationList.tsx';
import { ConversationThread } from './ConversationThread.tsx';
import type { Conversation, ConversationChange, ConversationDetail, Message } from './conversation-types.ts';
import { inboxMessages } from './messages.ts';
import { useConversationStream } from './use-conversation-stream.ts';
import './Inbox.css';

const SEEN_KEY = 'chaud.inbox.seen';

// The API lists conversations without the lead's name or last message: both are fetched once per
// conversation and refreshed when the stream says that conversation changed.
async function loadRow(conversation: Conversation, leads: Map<string, Lead>): Promise<ConversationRow> {
  const [lead, detail] = await Promise.all([
    leads.get(conversation.leadId) ??
      api.get<Lead>(`/api/v1/leads/${conversation.leadId}`).catch(() => undefined),
    api.get<ConversationDetail>(`/api/v1/conversations/${conversation.id}`).catch(() => undefined),
  ]);
  if (lead) leads.set(lead.id, lead);
  const visible = (detail?.messages ?? []).filter((message) => message.direction !== 'note');
  return { conversation, lead, last: visible.at(-1) };
}

/** Waiting for a person first, then the rest, each by latest activity (as the API sorts them). */
async function loadInbox(leads: Map<string, Lead>): Promise<ConversationRow[]> {
  const [waiting, all] = await Promise.all([
    api.get<{ data: Conversation[] }>('/api/v1/conversations', { needsHuman: true, limit: 50 }),
    api.get<{ data: Conversation[] }>('/api/v1/conversations', { limit: 100 }),
  ]);
  const waitingIds = new Set(waiting.data.map((conversation) => conversation.id));
  const ordered = [...waiting.data, ...all.data.filter((conversation) => !waitingIds.has(conversation.id))];
  return Promise.all(ordered.map((conversation) => loadRow(conversation, leads)));
}

function readSeen(): Record<string, string> {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(SEEN_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function InboxScreen({ params }: { params: Record<string, string> }) {
  const t = useT(inboxMessages);
  const selectedId = params.conversationId;
  const leads = useRef(new Map<string, Lead>());
  const inbox = useApi(() => loadInbox(leads.current), []);
  const [rows, setRows] = useState<ConversationRow[]>();
  const [detail, setDetail] = useState<ConversationDetail>();
  const [detailError, setDetailError] = useState<unknown>();
  const [seen, setSeen] = useState(readSeen);
  const users = useApi(() => api.get<{ data: User[] }>('/api/v1/users').then((page) => page.data), []);

  useEffect(() => {
    if (inbox.data) setRows(inbox.data);
  }, [inbox.data]);

  const loadDetail = useCallback(async (id: string) => {
    try {
      const loaded = await api.get<ConversationDetail>(`/api/v1/conversations/${id}`);
      setDetail((current) => (current && current.conversation.id !== id ? current : loaded));
      setDetailError(undefined);
    } catch (error) {
      setDetailError(error);
    }
  }, []);

  useEffect(() => {
    setDetail(undefined);
    setDetailError(undefined);
    if (selectedId) void loadDetail(selectedId);
  }, [selectedId, loadDetail]);

  // Opening a conversation marks it read (kept in this browser: the server has no read state).
  useEffect(() => {
    if (!selectedId || !detail || detail.conversation.id !== selectedId) return;
    setSeen((current) => {
      const next = { ...current, [selectedId]: new Date().toISOString() };
      globalThis.localStorage?.setItem(SEEN_KEY, JSON.stringify(next));
      return next;
    });
  }, [selectedId, detail]);

  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  const onChange = useCallback(
    async (change: ConversationChange) => {
      if (change.conversationId === selectedRef.current) void loadDetail(change.conversationId);
      try {
        const { conversation } = await api.get<ConversationDetail>(
          `/api/v1/conversations/${change.conversationId}`,
        );
        const row = await loadRow(conversation, leads.current);
        // The changed conversation moves up: to the top of its group (waiting for a person, or not).
        setRows((current) => {
          const rest = (current ?? []).filter((item) => item.conversation.id !== conversation.id);
          const waiting = rest.filter((item) => item.conversation.needsHuman);
          const others = rest.filter((item) => !item.conversation.needsHuman);
          return conversation.needsHuman ? [row, ...waiting, ...others] : [...waiting, row, ...others];
        });
      } catch {
        // Not visible to this user (a rep sees only their leads' conversations): ignore.
      }
    },
    [loadDetail],
  );
  const stream = useConversationStream(
    (change) => void onChange(change),
    () => {
      inbox.reload();
      if (selectedRef.current) void loadDetail(selectedRef.current);
    },
  );

  const onUpdated = (conversation: Conversation) =>
    setDetail((current) => (current ? { ...current, conversation } : current));
  const onAdded = (message: Message) =>
    setDetail((current) =>
      current && !current.messages.some((item) => item.id === message.id)
        ? { ...current, messages: [...current.messages, message] }
        : current,
    );

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <Badge kind={stream === 'live' ? 'ok' : 'muted'}>
            <span role="status">{stream === 'live' ? t('live') : t('offline')}</span>
          </Badge>
        }
      />
      <ErrorBanner error={inbox.error} onRetry={inbox.reload} />
      <div className="inbox">
        <section className="inbox-list" data-testid="inbox-list" aria-label={t('conversations')}>
          {!rows && inbox.loading && <Loading />}
          {rows && rows.length === 0 && <EmptyState>{t('noConversations')}</EmptyState>}
          {rows && rows.length > 0 && (
            <ConversationList
              rows={rows}
              selectedId={selectedId}
              seen={seen}
              onSelect={(id) => navigate(`/inbox/${encodeURIComponent(id)}`)}
            />
          )}
        </section>
        <section className="inbox-thread" aria-label={t('thread')}>
          {!selectedId && <EmptyState>{t('selectConversation')}</EmptyState>}
          <ErrorBanner error={detailError} onRetry={() => selectedId && void loadDetail(selectedId)} />
          {selectedId && !detail && !detailError && <Loading />}
          {detail && (
            <ConversationThread
              detail={detail}
              users={users.data ?? []}
              onUpdated={onUpdated}
              onAdded={onAdded}
            />
          )}
        </section>
      </div>
    </>
  );
}
