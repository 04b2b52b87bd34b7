import type { Lead } from '../../app/domain.ts';
import { leadName } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import type { Conversation, Message } from './conversation-types.ts';
import { inboxMessages } from './messages.ts';

export interface ConversationRow {
  conversation: Conversation;
  lead: Lead | undefined;
  last: Message | undefined;
}

function isUnread(conversation: Conversation, seenAt: string | undefined): boolean {
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
  rows: ConversationRow[];
  selectedId: string | undefined;
  seen: Record<string, string>;
  onSelect: (id: string) => void;
}) {
  const t = useT(inboxMessages);
  const waiting = rows.filter((row) => row.conversation.needsHuman);
  const others = rows.filter((row) => !row.conversation.needsHuman);
  const group = (title: string, items: ConversationRow[]) =>
    items.length > 0 && (
      <>
        <h2 className="inbox-group">{title}</h2>
        <ul>
          {items.map((row) => (
            <Item
              key={row.conversation.id}
              row={row}
              isSelected={row.conversation.id === selectedId}
              isUnread={
                row.conversation.id !== selectedId && isUnread(row.conversation, seen[row.conversation.id])
              }
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
  row,
  isSelected,
  isUnread,
  onSelect,
}: {
  row: ConversationRow;
  isSelected: boolean;
  isUnread: boolean;
  onSelect: (id: string) => void;
}) {
  const t = useT(inboxMessages);
  const format = useFormat();
  const { conversation, lead, last } = row;
  const name = lead ? leadName(lead) : conversation.contactAddress;
  const preview = last?.body ?? (last?.choices?.map((choice) => choice.title).join(' · ') || '');
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
          <strong>{name}</strong>
          <time dateTime={conversation.updatedAt}>
            {format.ago(last?.createdAt ?? conversation.updatedAt)}
          </time>
        </span>
        <span className="inbox-item-meta">
          <span className="badge badge-channel">{t(`channel_${conversation.channel}`)}</span>
          {conversation.needsHuman && <span className="badge badge-hot">{t('needsHuman')}</span>}
          {isUnread && <span className="badge badge-unread">{t('unread')}</span>}
        </span>
        <span className="inbox-item-preview muted">{preview}</span>
      </button>
    </li>
  );
}
