import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import type { User } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { Button, EmptyState, ErrorBanner, SelectField } from '../../app/ui.tsx';
import {
  type Conversation,
  type ConversationDetail,
  conversationTitle,
  type Message,
} from './conversation-types.ts';
import { inboxMessages } from './messages.ts';

const TICKS: Partial<Record<Message['status'], string>> = {
  queued: '🕓',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
  cancelled: '⊘',
};

/** One conversation: the messages, the takeover controls and the two composers (reply, note). */
export function ConversationThread({
  detail,
  users,
  onUpdated,
  onAdded,
}: {
  detail: ConversationDetail;
  users: User[];
  onUpdated: (conversation: Conversation) => void;
  onAdded: (message: Message) => void;
}) {
  const t = useT(inboxMessages);
  const { conversation, messages } = detail;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const end = useRef<HTMLLIElement>(null);
  const lastId = messages.at(-1)?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a message arrives.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [lastId]);

  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    try {
      onUpdated(await api.post<Conversation>(`/api/v1/conversations/${conversation.id}/${path}`, body));
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const isHuman = conversation.mode === 'human';
  const userName = (id: string | null) => users.find((user) => user.id === id)?.name;
  return (
    <div className="thread" data-testid="conversation-thread" data-conversation-id={conversation.id}>
      <header className="thread-header">
        <div>
          <h2>{conversationTitle(conversation)}</h2>
          <p className="muted">
            {t(`channel_${conversation.channel}`)} · {isHuman ? t('mode_human') : t('mode_agent')}
            {conversation.handoffReason &&
              ` · ${t('handoff', { reason: handoffLabel(t, conversation.handoffReason) })}`}
            {' · '}
            <Link to={`/leads/${conversation.leadId}`}>{t('openLead')}</Link>
          </p>
        </div>
        <div className="row">
          {isHuman ? (
            <Button data-testid="release-button" disabled={busy} onClick={() => void act('release')}>
              {t('release')}
            </Button>
          ) : (
            <Button
              variant="primary"
              data-testid="takeover-button"
              disabled={busy}
              onClick={() => void act('takeover')}
            >
              {t('takeOver')}
            </Button>
          )}
          {users.length > 0 && (
            <SelectField
              label={t('assign')}
              value={conversation.assignedUserId ?? ''}
              disabled={busy}
              onChange={(event) => void act('assign', { userId: event.target.value || null })}
              options={[
                { value: '', label: t('unassigned') },
                ...users
                  .filter((user) => user.isActive)
                  .map((user) => ({ value: user.id, label: user.name })),
              ]}
            />
          )}
        </div>
      </header>
      <ErrorBanner error={error} />
      {messages.length === 0 && <EmptyState>{t('noMessages')}</EmptyState>}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard to scroll it. */}
      <ol className="thread-messages" aria-live="polite" aria-label={t('messages')} tabIndex={0}>
        {messages.map((message) => (
          <Bubble key={message.id} message={message} authorName={userName(message.authorUserId)} />
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
      <Composer
        label={t('reply')}
        placeholder={t('replyPlaceholder')}
        submitLabel={t('send')}
        testId="reply-input"
        disabledReason={isHuman ? undefined : t('replyDisabled')}
        onSubmit={async (text) =>
          onAdded(await api.post<Message>(`/api/v1/conversations/${conversation.id}/messages`, { text }))
        }
      />
      <Composer
        label={t('addNote')}
        placeholder={t('notePlaceholder')}
        submitLabel={t('saveNote')}
        testId="note-input"
        onSubmit={async (text) =>
          onAdded(await api.post<Message>(`/api/v1/conversations/${conversation.id}/notes`, { text }))
        }
      />
    </div>
  );
}

function Bubble({ message, authorName }: { message: Message; authorName: string | undefined }) {
  const t = useT(inboxMessages);
  const format = useFormat();
  const side = message.direction === 'inbound' ? 'in' : message.direction === 'note' ? 'note' : 'out';
  const author = message.direction === 'note' ? t('note') : (authorName ?? t(`author_${message.author}`));
  const tick = message.direction === 'outbound' ? TICKS[message.status] : undefined;
  return (
    <li className={`bubble bubble-${side} bubble-${message.author}`} data-testid="thread-message">
      <span className="bubble-author">{author}</span>
      {message.body && <p className="bubble-body">{message.body}</p>}
      {message.choices && message.choices.length > 0 && (
        <ul className="bubble-choices" aria-label={t('choices')}>
          {message.choices.map((choice) => (
            <li key={choice.id}>{choice.title}</li>
          ))}
        </ul>
      )}
      <span className="bubble-meta">
        <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
        {tick && (
          <>
            <span
              className={`tick tick-${message.status}`}
              title={t(`status_${message.status}`)}
              aria-hidden="true"
            >
              {tick}
            </span>
            <span className="sr-only">{t(`status_${message.status}`)}</span>
          </>
        )}
      </span>
    </li>
  );
}

function Composer({
  label,
  placeholder,
  submitLabel,
  testId,
  disabledReason,
  onSubmit,
}: {
  label: string;
  placeholder: string;
  submitLabel: string;
  testId: string;
  disabledReason?: string | undefined;
  onSubmit: (text: string) => Promise<void>;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    try {
      await onSubmit(text.trim());
      setText('');
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const isDisabled = disabledReason !== undefined;
  return (
    <form className={`composer composer-${testId}`} onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        data-testid={testId}
        value={text}
        placeholder={placeholder}
        rows={2}
        disabled={isDisabled || busy}
        aria-describedby={isDisabled ? `${id}-why` : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
        }}
      />
      {isDisabled && (
        <small id={`${id}-why`} className="hint">
          {disabledReason}
        </small>
      )}
      <ErrorBanner error={error} />
      <div className="row end">
        <button type="submit" className="btn btn-secondary" disabled={isDisabled || busy || !text.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

const HANDOFF_REASONS = ['requested', 'low_confidence', 'negative_sentiment', 'booking_by_hand'] as const;

/** A known reason in words; an unknown one (a newer server) as it comes. */
function handoffLabel(
  t: (key: `handoff_${(typeof HANDOFF_REASONS)[number]}`) => string,
  reason: string,
): string {
  const known = HANDOFF_REASONS.find((candidate) => candidate === reason);
  return known ? t(`handoff_${known}`) : reason.replace(/_/g, ' ');
}
