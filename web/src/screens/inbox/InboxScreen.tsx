import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import type { User } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { navigate } from '../../app/router.tsx';
import { Badge, EmptyState, ErrorBanner, Loading, PageHeader } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { ConversationList } from './ConversationList.tsx';
import { ConversationThread } from './ConversationThread.tsx';
import type {
  Conversation,
  ConversationChange,
  ConversationDetail,
  ConversationListItem,
  Message,
} from './conversation-types.ts';
import { mergeInboxPages, placeChangedRow } from './inbox-rows.ts';
import { inboxMessages } from './messages.ts';
import { useConversationStream } from './use-conversation-stream.ts';
import './Inbox.css';

const SEEN_KEY = 'chaud.inbox.seen';

// Each listed conversation carries its lead's name and last message: two requests fill the inbox.
async function loadInbox(): Promise<ConversationListItem[]> {
  const [waiting, all] = await Promise.all([
    api.get<{ data: ConversationListItem[] }>('/api/v1/conversations', { needsHuman: true, limit: 50 }),
    api.get<{ data: ConversationListItem[] }>('/api/v1/conversations', { limit: 100 }),
  ]);
  return mergeInboxPages(waiting.data, all.data);
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
  const inbox = useApi(loadInbox, []);
  const [rows, setRows] = useState<ConversationListItem[]>();
  const [detail, setDetail] = useState<ConversationDetail>();
  const [detailError, setDetailError] = useState<unknown>();
  const [seen, setSeen] = useState(readSeen);
  const users = useApi(() => api.get<{ data: User[] }>('/api/v1/users').then((page) => page.data), []);
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;

  useEffect(() => {
    if (inbox.data) setRows(inbox.data);
  }, [inbox.data]);

  const loadDetail = useCallback(async (id: string) => {
    try {
      const loaded = await api.get<ConversationDetail>(`/api/v1/conversations/${id}`);
      // An answer for a conversation the user already left is dropped.
      if (selectedRef.current === id) {
        setDetail(loaded);
        setDetailError(undefined);
      }
    } catch (error) {
      if (selectedRef.current === id) setDetailError(error);
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

  // Only the changed conversation is read again; its detail's conversation has the list row's shape,
  // so the same answer refreshes the row and, when it is open, the thread.
  const refreshConversation = useCallback(async (id: string) => {
    try {
      const loaded = await api.get<ConversationDetail>(`/api/v1/conversations/${id}`);
      if (selectedRef.current === id) {
        setDetail(loaded);
        setDetailError(undefined);
      }
      setRows((current) => placeChangedRow(current, loaded.conversation));
    } catch (error) {
      // Not visible to this user (a rep sees only their leads' conversations): no row to show.
      if (selectedRef.current === id) setDetailError(error);
    }
  }, []);
  // A turn sends a burst of events for one conversation: while its read runs, later events only ask
  // for one more read, so the row ends on the latest state without one request per event.
  const rereadAfter = useRef(new Map<string, boolean>());
  const onChange = useCallback(
    async (change: ConversationChange) => {
      const id = change.conversationId;
      const pending = rereadAfter.current;
      if (pending.has(id)) {
        pending.set(id, true);
        return;
      }
      try {
        do {
          pending.set(id, false);
          await refreshConversation(id);
        } while (pending.get(id));
      } finally {
        pending.delete(id);
      }
    },
    [refreshConversation],
  );
  const stream = useConversationStream(
    (change) => void onChange(change),
    () => {
      inbox.reload();
      if (selectedRef.current) void loadDetail(selectedRef.current);
    },
  );

  // Actions answer the bare conversation: the lead and last message already shown are kept.
  const onUpdated = (conversation: Conversation) =>
    setDetail((current) =>
      current ? { ...current, conversation: { ...current.conversation, ...conversation } } : current,
    );
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
