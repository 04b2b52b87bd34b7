import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useFormat, useT } from '../../app/i18n.tsx';
import type { Choice, Message } from '../inbox/conversation-types.ts';
import { sandboxMessages } from './messages.ts';

/**
 * A phone-like chat where the user is the lead: their messages on the right (as on their phone), the
 * agent's on the left. The last agent message's buttons or list rows are tappable until answered, and
 * no longer once the meeting is settled (booked, or handed to a person).
 */
export function SandboxChat({
  messages,
  isWaiting,
  isSettled,
  onSend,
}: {
  messages: Message[];
  isWaiting: boolean;
  isSettled: boolean;
  onSend: (input: { text?: string; choice?: Choice }) => void;
}) {
  const t = useT(sandboxMessages);
  const format = useFormat();
  const inputId = useId();
  const [text, setText] = useState('');
  const end = useRef<HTMLLIElement>(null);
  const visible = messages.filter((message) => message.direction !== 'note');
  const last = visible.at(-1);
  const options = !isSettled && last?.direction === 'outbound' ? (last.choices ?? []) : [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a message arrives or the agent types.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [visible.length, isWaiting]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || isWaiting) return;
    onSend({ text: text.trim() });
    setText('');
  };
  return (
    <section className="sandbox-phone" aria-label={t('phone')}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard to scroll it. */}
      <ol className="sandbox-messages" aria-live="polite" aria-label={t('phone')} tabIndex={0}>
        {visible.map((message) => (
          <li
            key={message.id}
            className={`sandbox-bubble ${message.direction === 'inbound' ? 'from-lead' : 'from-agent'}`}
            data-testid="sandbox-message"
            data-direction={message.direction}
          >
            <span className="sr-only">{message.direction === 'inbound' ? t('you') : t('agent')}: </span>
            {message.body && <p>{message.body}</p>}
            <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
          </li>
        ))}
        {isWaiting && (
          // The status role goes on a child: an <li> given another role is no list item, and axe
          // reports the list as broken whenever the agent is typing (seen in a browser test).
          <li className="sandbox-bubble from-agent sandbox-typing">
            <span className="sr-only" role="status">
              {t('typing')}
            </span>
            <span aria-hidden="true" className="dots">
              <span />
              <span />
              <span />
            </span>
          </li>
        )}
        <li ref={end} aria-hidden="true" />
      </ol>
      {options.length > 0 && (
        <fieldset className="sandbox-options">
          <legend className="sr-only">{t('options')}</legend>
          {options.map((choice) => (
            <button
              key={choice.id}
              type="button"
              data-testid="sandbox-option"
              data-choice-id={choice.id}
              disabled={isWaiting}
              onClick={() => onSend({ choice })}
            >
              {choice.title}
            </button>
          ))}
        </fieldset>
      )}
      <form className="sandbox-composer" onSubmit={submit}>
        <label htmlFor={inputId} className="sr-only">
          {t('message')}
        </label>
        <input
          id={inputId}
          data-testid="sandbox-input"
          value={text}
          placeholder={t('messagePlaceholder')}
          maxLength={4096}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="sandbox-send"
          disabled={isWaiting || !text.trim()}
        >
          {t('send')}
        </button>
      </form>
    </section>
  );
}
