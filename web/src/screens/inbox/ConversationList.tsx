import { useFormat, useT } from '../../app/i18n.tsx';
import { type ConversationListItem, conversationTitle } from './conversation-types.ts';
import { inboxMessages } from './messages.ts';

function isUnread(conversation: ConversationListItem, seenAt: string | undefined): boolean {
  if (!conversation.lastInboundAt) return false;
  return !seenAt || conversation.lastInboundAt > seenAt;
}

/** The conversation list, in two groups: waiting for a person, then the others. */
export function ConversationList({
  rows,
  selectedId,
  seen,
  onSelect,
}: {
  rows: ConversationListItem[];
  selectedId: string | undefined;
  seen: Record<string, string>;
  onSelect: (id: string) => void;
}) {
  const t = useT(inboxMessages);
  const waiting = rows.filter((row) => row.needsHuman);
  const others = rows.filter((row) => !row.needsHuman);
  const group = (title: string, items: ConversationListItem[]) =>
    items.length > 0 && (
      <>
        <h2 className="inbox-group">{title}</h2>
        <ul>
          {items.map((row) => (
            <Item
              key={row.id}
              conversation={row}
              isSelected={row.id === selectedId}
              isUnread={row.id !== selectedId && isUnread(row, seen[row.id])}
              onSelect={onSelect}
            />
          ))}
        </ul>
      </>
    );
  return (
    <>
      {group(t('waitingForHuman'), waiting)}
      {group(t('others'), others)}
    </>
  );
}

function Item({
  conversation,
  isSelected,
  isUnread,
  onSelect,
}: {
  conversation: ConversationListItem;
  isSelected: boolean;
  isUnread: boolean;
  onSelect: (id: string) => void;
}) {
  const t = useT(inboxMessages);
  const format = useFormat();
  const { lead, lastMessage } = conversation;
  const activityAt = lastMessage?.createdAt ?? conversation.updatedAt;
  return (
    <li>
      <button
        type="button"
        className={`inbox-item${isSelected ? ' selected' : ''}${isUnread ? ' unread' : ''}`}
        aria-current={isSelected ? 'true' : undefined}
        data-testid="inbox-item"
        data-conversation-id={conversation.id}
        onClick={() => onSelect(conversation.id)}
      >
        <span className="inbox-item-top">
          <strong>{conversationTitle(conversation)}</strong>
          <time dateTime={activityAt}>{format.ago(activityAt)}</time>
        </span>
        <span className="inbox-item-meta">
          <span className="badge badge-channel">{t(`channel_${conversation.channel}`)}</span>
          {conversation.needsHuman && <span className="badge badge-hot">{t('needsHuman')}</span>}
          {isUnread && <span className="badge badge-unread">{t('unread')}</span>}
          {lead.companyName && <span className="inbox-item-company muted">{lead.companyName}</span>}
        </span>
        <span className="inbox-item-preview muted">{lastMessage?.text ?? ''}</span>
      </button>
    </li>
  );
}
