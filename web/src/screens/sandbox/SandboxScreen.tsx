import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import type { Lead } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { Link, useQueryParam } from '../../app/router.tsx';
import { Button, ErrorBanner, Loading, PageHeader } from '../../app/ui.tsx';
import {
  type Choice,
  type Conversation,
  type ConversationDetail,
  isBooked,
  type Message,
} from '../inbox/conversation-types.ts';
import { useConversationStream } from '../inbox/use-conversation-stream.ts';
import { type BantCurrent, LeadPanel } from './LeadPanel.tsx';
import { sandboxMessages } from './messages.ts';
import { SandboxChat } from './SandboxChat.tsx';
import { SandboxStart, type StartedLead } from './SandboxStart.tsx';
import './Sandbox.css';

interface Played {
  conversation: Conversation;
  message: Message;
  replies: Message[];
}

const SETTLE_DELAYS_MS = [1_500, 5_000];

function merge(current: Message[], added: Message[]): Message[] {
  const known = new Set(current.map((message) => message.id));
  return [...current, ...added.filter((message) => !known.has(message.id))];
}

/** The slot the lead tapped last, to name it in the confirmation. */
function chosenTitle(messages: Message[]): string | undefined {
  const inbound = messages.filter((message) => message.direction === 'inbound');
  return inbound.at(-1)?.body ?? undefined;
}

/** Try the agent without WhatsApp: the user plays a new lead, the lead's score moves as they talk. */
export function SandboxScreen(_props: { params: Record<string, string> }) {
  const t = useT(sandboxMessages);
  const [leadId, setLeadId] = useQueryParam('lead');
  const [lead, setLead] = useState<Lead>();
  const [bant, setBant] = useState<BantCurrent>();
  const [conversation, setConversation] = useState<Conversation>();
  const [messages, setMessages] = useState<Message[]>([]);
  const [isWaiting, setWaiting] = useState(false);
  const [error, setError] = useState<unknown>();
  const settleTimers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => settleTimers.current.forEach(clearTimeout), []);

  const refreshLead = useCallback(async (id: string) => {
    const [loaded, loadedBant] = await Promise.all([
      api.get<Lead>(`/api/v1/leads/${id}`),
      api.get<BantCurrent>(`/api/v1/leads/${id}/bant`),
    ]);
    setLead(loaded);
    setBant(loadedBant);
  }, []);

  const loadConversation = useCallback(async (id: string) => {
    const detail = await api.get<ConversationDetail>(`/api/v1/conversations/${id}`);
    setConversation(detail.conversation);
    setMessages((current) => merge(current, detail.messages));
  }, []);

  // Coming back to /sandbox?lead=… (a reload, a shared link) shows that lead's sandbox conversation.
  useEffect(() => {
    if (!leadId) return;
    let isCurrent = true;
    (async () => {
      try {
        await refreshLead(leadId);
        const { data } = await api.get<{ data: Conversation[] }>(`/api/v1/leads/${leadId}/conversations`);
        const sandbox = data.find((item) => item.channel === 'sandbox');
        if (sandbox && isCurrent) await loadConversation(sandbox.id);
      } catch (failure) {
        if (isCurrent) setError(failure);
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, [leadId, refreshLead, loadConversation]);

  const send = useCallback(
    async (id: string, input: { text?: string; choice?: Choice }) => {
      setWaiting(true);
      setError(undefined);
      try {
        // A tap is sent as WhatsApp stores it: the choice id (`slot:<ISO start>`) with its title as text.
        const body = input.choice
          ? { choiceId: input.choice.id, text: input.choice.title }
          : { text: input.text };
        const played = await api.post<Played>(`/api/v1/sandbox/leads/${id}/messages`, body);
        setConversation(played.conversation);
        setMessages((current) => merge(current, [played.message, ...played.replies]));
        await refreshLead(id);
        // Some consequences (rescoring, the stage after a booking) are settled by background jobs
        // a moment after the reply: look again shortly.
        for (const delay of SETTLE_DELAYS_MS)
          settleTimers.current.push(setTimeout(() => void refreshLead(id).catch(() => {}), delay));
      } catch (failure) {
        setError(failure);
      } finally {
        setWaiting(false);
      }
    },
    [refreshLead],
  );

  const onStarted = async ({ lead: created, firstMessage }: StartedLead) => {
    setLead(created);
    setMessages([]);
    setConversation(undefined);
    setLeadId(created.id);
    if (firstMessage) await send(created.id, { text: firstMessage });
  };

  // Messages the agent sends later (a follow-up after silence) arrive through the stream.
  const conversationId = useRef<string>(undefined);
  conversationId.current = conversation?.id;
  useConversationStream((change) => {
    if (change.conversationId !== conversationId.current || isWaiting) return;
    void loadConversation(change.conversationId).then(async () => {
      if (leadId) await refreshLead(leadId);
    });
  });

  const restart = () => {
    settleTimers.current.forEach(clearTimeout);
    settleTimers.current = [];
    setLeadId(null);
    setLead(undefined);
    setBant(undefined);
    setConversation(undefined);
    setMessages([]);
    setError(undefined);
  };

  const booked = conversation ? isBooked(conversation) : false;
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          leadId && (
            <Button onClick={restart} data-testid="sandbox-restart">
              {t('restart')}
            </Button>
          )
        }
      />
      <ErrorBanner error={error} />
      {!leadId && <SandboxStart onStarted={onStarted} />}
      {leadId && !lead && !error && <Loading />}
      {leadId && lead && (
        <div className="sandbox">
          <div className="stack">
            <SandboxChat
              messages={messages}
              isWaiting={isWaiting}
              isSettled={booked || conversation?.needsHuman === true}
              onSend={(input) => void send(lead.id, input)}
            />
            {booked && (
              <p className="sandbox-notice booked" role="status" data-testid="sandbox-booked">
                {(() => {
                  const slot = chosenTitle(messages);
                  return slot ? t('booked', { slot }) : t('bookedNoSlot');
                })()}
              </p>
            )}
            {conversation?.needsHuman && (
              <p className="sandbox-notice" role="status" data-testid="sandbox-handoff">
                {t('handedOver', { reason: conversation.handoffReason ?? '—' })}{' '}
                <Link to={`/inbox/${conversation.id}`}>{t('openInbox')}</Link>
              </p>
            )}
          </div>
          <LeadPanel lead={lead} bant={bant} />
        </div>
      )}
    </>
  );
}
