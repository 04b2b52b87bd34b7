import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { Badge, Button, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { labelOf, leadLabels } from './labels.ts';
import type { Conversation, Message } from './lead-data.ts';
import { leadMessages } from './messages.ts';

/** A request to show one message: `nonce` makes a second click on the same link scroll again. */
export interface MessageTarget {
  messageId: string;
  nonce: number;
}

/**
 * The lead's conversations (one per channel) with their messages, folded until opened; a BANT link
 * (or a `#message-<id>` address) opens them and brings that message into view, highlighted.
 */
export function ConversationsSection({
  leadId,
  version,
  target,
}: {
  leadId: string;
  version: number;
  target: MessageTarget | null;
}) {
  const t = useT(leadMessages);
  const [isOpen, setOpen] = useState(() => location.hash.startsWith('#message-'));
  const conversations = useApi(
    () => api.get<{ data: Conversation[] }>(`/api/v1/leads/${leadId}/conversations`),
    [leadId, version],
  );
  useEffect(() => {
    if (target) setOpen(true);
  }, [target]);
  const list = conversations.data?.data ?? [];
  const highlighted = target?.messageId ?? (location.hash.match(/^#message-(.+)$/)?.[1] || null);

  return (
    <section className="card" id="conversations" aria-labelledby="conversations-title">
      <div className="card-header">
        <h2 id="conversations-title">{t('conversationsTitle')}</h2>
        {list.length > 0 && (
          <Button
            aria-expanded={isOpen}
            aria-controls="conversation-messages"
            onClick={() => setOpen(!isOpen)}
          >
            {isOpen ? t('hideConversations') : t('showConversations')}
          </Button>
        )}
      </div>
      <ErrorBanner error={conversations.error} onRetry={conversations.reload} />
      {conversations.loading && !conversations.data && <Loading />}
      {conversations.data && list.length === 0 && <p className="muted">{t('noConversations')}</p>}
      <div id="conversation-messages">
        {list.map((conversation) => (
          <ConversationView
            key={conversation.id}
            conversation={conversation}
            isOpen={isOpen}
            highlighted={highlighted}
            nonce={target?.nonce ?? 0}
            version={version}
          />
        ))}
      </div>
    </section>
  );
}

function ConversationView({
  conversation,
  isOpen,
  highlighted,
  nonce,
  version,
}: {
  conversation: Conversation;
  isOpen: boolean;
  highlighted: string | null;
  nonce: number;
  version: number;
}) {
  const t = useT(leadMessages);
  const tl = useT(leadLabels);
  const format = useFormat();
  const detail = useApi(
    () =>
      isOpen
        ? api.get<{ messages: Message[] }>(`/api/v1/conversations/${conversation.id}`)
        : Promise.resolve(undefined),
    [conversation.id, isOpen, version],
  );
  const messages = detail.data?.messages ?? [];
  const hasTarget = Boolean(highlighted && messages.some((message) => message.id === highlighted));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` re-runs it when the same link is clicked again.
  useEffect(() => {
    if (!hasTarget || !highlighted) return;
    const element = document.getElementById(`message-${highlighted}`);
    element?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    element?.focus({ preventScroll: true });
  }, [hasTarget, highlighted, nonce]);

  return (
    <article className="lead-conversation" data-testid={`conversation-${conversation.id}`}>
      <h3 className="row">
        <span>{conversation.channel}</span>
        <Badge kind="stage">{labelOf(tl, 'conversation_', conversation.status)}</Badge>
        <span className="muted lead-small">{conversation.contactAddress}</span>
      </h3>
      <p className="row">
        <Link to={`/inbox/${conversation.id}`}>{t('openInInbox')}</Link>
        <span className="muted">{format.dateTime(conversation.updatedAt)}</span>
      </p>
      {isOpen && (
        <>
          <ErrorBanner error={detail.error} onRetry={detail.reload} />
          {detail.loading && !detail.data && <Loading />}
          {detail.data && messages.length === 0 && <p className="muted">{t('noMessages')}</p>}
          <ol className="lead-messages">
            {messages.map((message) => (
              <li
                key={message.id}
                id={`message-${message.id}`}
                tabIndex={-1}
                className={`lead-message lead-message-${message.direction} ${
                  message.id === highlighted ? 'is-highlighted' : ''
                }`}
              >
                <div className="row lead-small">
                  <strong>{t(`direction_${message.direction}` as 'direction_inbound')}</strong>
                  <span className="muted">{conversation.channel}</span>
                  <span className="muted">{message.status}</span>
                  <time className="muted" dateTime={message.createdAt}>
                    {format.dateTime(message.createdAt)}
                  </time>
                </div>
                <p className="lead-break">{message.body ?? `(${message.kind})`}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
