import { useEffect, useRef, useState } from 'react';
import type { ConversationChange } from './conversation-types.ts';

const STREAM_URL = '/api/v1/conversations/stream';
const MAX_RETRY_MS = 30_000;

/**
 * Listens to the workspace's conversation changes (server-sent events, session cookie: same origin).
 * The browser retries a dropped stream by itself; when it gives up (an HTTP error closes it) we open a
 * new one with a growing delay. `onReconnect` runs when a stream opens again after a failure, so the
 * caller reloads what it may have missed meanwhile.
 */
export function useConversationStream(
  onChange: (change: ConversationChange) => void,
  onReconnect?: () => void,
): 'connecting' | 'live' | 'offline' {
  const [state, setState] = useState<'connecting' | 'live' | 'offline'>('connecting');
  const handlers = useRef({ onChange, onReconnect });
  handlers.current = { onChange, onReconnect };
  useEffect(() => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1_000;
    let hadFailure = false;
    let stopped = false;
    const open = () => {
      source = new EventSource(STREAM_URL);
      source.onopen = () => {
        setState('live');
        delay = 1_000;
        if (hadFailure) handlers.current.onReconnect?.();
        hadFailure = false;
      };
      source.addEventListener('conversation', (event) => {
        try {
          handlers.current.onChange(JSON.parse((event as MessageEvent<string>).data) as ConversationChange);
        } catch {
          // A malformed event is skipped; the next one or a reload shows the state.
        }
      });
      source.onerror = () => {
        hadFailure = true;
        setState('offline');
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, []);
  return state;
}
