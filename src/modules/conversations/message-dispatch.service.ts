import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Outbox } from '../../platform/outbox/outbox.ts';
import { leads } from '../leads/index.ts';
import { getCurrentConsents } from '../privacy/index.ts';
import { type Channel, contentText, type OutboundContent } from './channel.ts';
import { decideChannelPermission } from './channel-consent.rules.ts';
import { isWindowOpen } from './channels/whatsapp/index.ts';
import { writeAndPublish } from './conversation-events.ts';
import {
  type ConversationRow,
  findMessage,
  type MessageRow,
  openConversation,
  queueOutboundMessage,
} from './conversations.service.ts';
import { type ChannelKind, conversations, messages } from './conversations.tables.ts';

export interface DispatchDeps {
  db: Database;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  channels: Partial<Record<ChannelKind, Channel>>;
}

/** Purposes sent even after an opt-out: the one confirmation that the opt-out was recorded. */
const SENT_AFTER_OPT_OUT = new Set(['opt_out_confirmation']);
// Service messages about something the lead asked for (a meeting they booked): they need no marketing
// consent, only that the lead has not opted out of the channel.
const SERVICE_PURPOSES = new Set(['booking_reminder']);
// Sends that a retry cannot fix and that e-mail can replace (Meta: re-engagement, undeliverable).
const FALLBACK_KINDS = new Set(['re_engagement_required', 'undeliverable', 'invalid_recipient', 'template']);
/** Meta's codes in a `failed` status webhook after which e-mail is tried (undeliverable, re-engagement). */
export const FALLBACK_STATUS_CODES = new Set([131026, 131047]);

interface SendFailure {
  kind?: string;
  code?: number;
  permanent?: boolean;
  message: string;
}

/**
 * The outbox handler of one outbound message: checks consent and the WhatsApp window at send
 * time (not when it was queued), sends through the channel, records the provider id. Idempotent:
 * a message that is no longer `queued` is left alone.
 */
export async function dispatchOutboundMessage(
  deps: DispatchDeps,
  messageId: string,
): Promise<Record<string, unknown>> {
  const message = await findMessage(deps.db, messageId);
  if (message?.status !== 'queued') return { skipped: message?.status ?? 'missing' };
  const [conversation] = await deps.db
    .select()
    .from(conversations)
    .where(
      and(eq(conversations.workspaceId, message.workspaceId), eq(conversations.id, message.conversationId)),
    );
  if (!conversation) return { skipped: 'no_conversation' };
  const now = deps.clock.now();
  const purpose = (message.payload as { purpose?: string }).purpose;
  const content = (message.payload as { content: OutboundContent }).content;

  const consents = await getCurrentConsents(deps.db, message.workspaceId, message.leadId);
  const permission = decideChannelPermission(consents, conversation.channel, {
    hasLeadWritten: conversation.lastInboundAt !== null,
  });
  const isAllowedAnyway =
    purpose !== undefined &&
    (SENT_AFTER_OPT_OUT.has(purpose) || (SERVICE_PURPOSES.has(purpose) && !permission.isOptedOut));
  if (!permission.isAllowed && !isAllowedAnyway) {
    const reason = permission.isOptedOut ? 'opted_out' : 'no_consent';
    await markMessage(deps.db, message, { status: 'cancelled', error: { reason } }, now);
    return { cancelled: reason };
  }
  if (
    conversation.channel === 'whatsapp' &&
    content.kind !== 'template' &&
    !isWindowOpen(conversation.lastInboundAt ?? undefined, now)
  ) {
    await markMessage(deps.db, message, { status: 'failed', error: { reason: 'window_closed' } }, now);
    return { failed: 'window_closed' };
  }

  const channel = deps.channels[conversation.channel];
  if (!channel)
    throw Object.assign(new Error(`No ${conversation.channel} channel configured`), { permanent: true });
  try {
    const result = await channel.send({
      workspaceId: message.workspaceId,
      messageId: message.id,
      conversationId: conversation.id,
      leadId: message.leadId,
      to: conversation.contactAddress,
      language: conversation.language,
      content,
      threadProviderIds: await threadIds(deps.db, conversation),
      now,
    });
    await markMessage(
      deps.db,
      message,
      { status: result.status, providerMessageId: result.providerMessageId },
      deps.clock.now(),
    );
    return { providerMessageId: result.providerMessageId };
  } catch (error) {
    const failure = error as SendFailure;
    if (!failure.permanent) throw error;
    await markMessage(
      deps.db,
      message,
      {
        status: 'failed',
        error: { kind: failure.kind ?? 'permanent', code: failure.code ?? null, message: failure.message },
      },
      deps.clock.now(),
    );
    if (conversation.channel === 'whatsapp' && failure.kind && FALLBACK_KINDS.has(failure.kind)) {
      const fallback = await fallBackToEmail(deps, conversation, content);
      return { failed: failure.kind, fallbackMessageId: fallback };
    }
    throw error;
  }
}

async function threadIds(db: Database, conversation: ConversationRow): Promise<string[]> {
  if (conversation.channel !== 'email') return [];
  const rows = await db
    .select({ providerMessageId: messages.providerMessageId })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, conversation.workspaceId),
        eq(messages.conversationId, conversation.id),
        isNotNull(messages.providerMessageId),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(20);
  return rows.map((row) => row.providerMessageId!);
}

async function markMessage(
  db: Database,
  message: MessageRow,
  changes: Partial<Pick<MessageRow, 'status' | 'providerMessageId' | 'error'>>,
  now: Date,
): Promise<void> {
  // One statement, no transaction: announced only if the message was still queued.
  await writeAndPublish(
    db,
    db
      .update(messages)
      .set({ ...changes, statusAt: now })
      .where(and(eq(messages.id, message.id), eq(messages.status, 'queued')))
      .returning({ id: messages.id }),
    {
      workspaceId: message.workspaceId,
      conversationId: message.conversationId,
      kind: 'status',
      messageId: message.id,
    },
  );
}

/** WhatsApp cannot reach the lead: say the same by e-mail when the lead has an address and consent. */
async function fallBackToEmail(
  deps: DispatchDeps,
  whatsapp: ConversationRow,
  content: OutboundContent,
): Promise<string | null> {
  if (!deps.channels.email) return null;
  return deps.db.transaction((inner) =>
    queueEmailFallback(inner as unknown as Database, deps.outbox, whatsapp, content, deps.clock.now()),
  );
}

/**
 * In `tx`: the e-mail twin of a WhatsApp message that could not be delivered (refused at send time
 * or reported `failed` later), when the lead has an address and e-mail consent. Returns its id.
 */
export async function queueEmailFallback(
  tx: Database,
  outbox: Outbox,
  whatsapp: ConversationRow,
  content: OutboundContent,
  now: Date,
): Promise<string | null> {
  const [lead] = await tx
    .select({ email: leads.email })
    .from(leads)
    .where(and(eq(leads.workspaceId, whatsapp.workspaceId), eq(leads.id, whatsapp.leadId)));
  if (!lead?.email) return null;
  const consents = await getCurrentConsents(tx, whatsapp.workspaceId, whatsapp.leadId);
  if (!decideChannelPermission(consents, 'email', { hasLeadWritten: false }).isAllowed) return null;
  const conversation = await openConversation(tx, {
    workspaceId: whatsapp.workspaceId,
    leadId: whatsapp.leadId,
    channel: 'email',
    contactAddress: lead.email,
    language: whatsapp.language,
    agentState: whatsapp.agentState,
    now,
  });
  const subject = whatsapp.language === 'fr' ? 'Suite à votre demande' : 'Following up on your request';
  const message = await queueOutboundMessage(tx, outbox, {
    conversation,
    content: { kind: 'email', subject, text: contentText(content) },
    author: 'agent',
    now,
    purpose: 'whatsapp_fallback',
  });
  return message.id;
}
