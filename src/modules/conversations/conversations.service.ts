import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { mapRowsOf } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import type { Outbox } from '../../platform/outbox/outbox.ts';
import { contentText, type OutboundContent } from './channel.ts';
import { writeAndPublish } from './conversation-events.ts';
import { type ChannelKind, conversations, type MessageAuthor, messages } from './conversations.tables.ts';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** Outbox kind of every outbound message; its dedup key starts with `conv:<id>:` so a stop cancels the lot. */
export const SEND_MESSAGE_EFFECT = 'conversations.send-message';
/** Meta's pair rate: one message per 6 s from a number to a user; other channels need no gap. */
const RECIPIENT_GAP_MS: Record<ChannelKind, number> = { whatsapp: 6_000, email: 0, sandbox: 0 };

export function conversationEffectPrefix(conversationId: string): string {
  return `conv:${conversationId}:`;
}

export interface OpenConversationInput {
  workspaceId: string;
  leadId: string;
  channel: ChannelKind;
  contactAddress: string;
  language: 'fr' | 'en';
  agentState: Record<string, unknown>;
  now: Date;
}

/** The lead's conversation on a channel, opened on first use (one per lead and channel). */
export async function openConversation(tx: Database, input: OpenConversationInput): Promise<ConversationRow> {
  await tx
    .insert(conversations)
    .values({
      id: newId('conv'),
      workspaceId: input.workspaceId,
      leadId: input.leadId,
      channel: input.channel,
      contactAddress: input.contactAddress,
      language: input.language,
      agentState: input.agentState,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, input.workspaceId),
        eq(conversations.leadId, input.leadId),
        eq(conversations.channel, input.channel),
      ),
    );
  return row!;
}

export async function findConversation(
  db: Database,
  workspaceId: string,
  conversationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ConversationRow | undefined> {
  const query = db
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findLeadConversation(
  db: Database,
  workspaceId: string,
  leadId: string,
  channel: ChannelKind,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.leadId, leadId),
        eq(conversations.channel, channel),
      ),
    );
  return row;
}

export async function updateConversation(
  tx: Database,
  conversation: Pick<ConversationRow, 'workspaceId' | 'id'>,
  changes: Partial<Omit<ConversationRow, 'id' | 'workspaceId' | 'leadId' | 'channel' | 'createdAt'>>,
  now: Date,
): Promise<ConversationRow> {
  const written = await writeAndPublish(
    tx,
    tx
      .update(conversations)
      .set({ ...changes, updatedAt: now })
      .where(
        and(eq(conversations.workspaceId, conversation.workspaceId), eq(conversations.id, conversation.id)),
      )
      .returning(),
    { workspaceId: conversation.workspaceId, conversationId: conversation.id, kind: 'updated' },
  );
  return mapRowsOf(conversations, written)[0]!;
}

export interface QueueOutboundInput {
  conversation: ConversationRow;
  content: OutboundContent;
  author: Exclude<MessageAuthor, 'lead'>;
  authorUserId?: string | null;
  now: Date;
  /** Why a template goes out (first contact, follow-up…), kept on the message for the stats. */
  purpose?: string;
}

/**
 * Writes an outbound message and its send effect in `tx`: the message exists exactly when its
 * send is promised. WhatsApp sends to one user are spaced by the pair-rate gap.
 */
export async function queueOutboundMessage(
  tx: Database,
  outbox: Outbox,
  input: QueueOutboundInput,
): Promise<MessageRow> {
  const { conversation, now } = input;
  const gap = RECIPIENT_GAP_MS[conversation.channel];
  const sendAt = new Date(Math.max(now.getTime(), conversation.nextSendAt?.getTime() ?? 0));
  const [message] = await tx
    .insert(messages)
    .values({
      id: newId('msg'),
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      leadId: conversation.leadId,
      direction: 'outbound',
      author: input.author,
      authorUserId: input.authorUserId ?? null,
      kind: input.content.kind,
      body: contentText(input.content),
      payload: { content: input.content, ...(input.purpose ? { purpose: input.purpose } : {}) },
      status: 'queued',
      statusAt: now,
      createdAt: now,
    })
    .returning();
  const nextSendAt = new Date(sendAt.getTime() + gap);
  const [updated] = await writeAndPublish(
    tx,
    tx
      .update(conversations)
      .set({
        lastOutboundAt: now,
        nextSendAt,
        activitySequence: sql`${conversations.activitySequence} + 1`,
        updatedAt: now,
      })
      .where(
        and(eq(conversations.workspaceId, conversation.workspaceId), eq(conversations.id, conversation.id)),
      )
      .returning({ activitySequence: conversations.activitySequence }),
    {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: 'message',
      messageId: message!.id,
    },
  );
  Object.assign(conversation, {
    lastOutboundAt: now,
    nextSendAt,
    activitySequence: Number(updated!.activity_sequence),
  });
  await outbox.enqueue(tx, {
    workspaceId: conversation.workspaceId,
    kind: SEND_MESSAGE_EFFECT,
    dedupKey: `${conversationEffectPrefix(conversation.id)}${message!.id}`,
    payload: { messageId: message!.id },
    ...(sendAt.getTime() > now.getTime() ? { availableAt: sendAt } : {}),
  });
  return message!;
}

export interface RecordInboundInput {
  conversation: ConversationRow;
  kind: string;
  body: string | null;
  payload: Record<string, unknown>;
  providerMessageId: string | null;
  sentAt: Date;
  now: Date;
}

/** Stores a lead's message once: a redelivered provider id returns `isDuplicate` and changes nothing. */
export async function recordInboundMessage(
  tx: Database,
  input: RecordInboundInput,
): Promise<{ message: MessageRow; isDuplicate: boolean }> {
  const { conversation } = input;
  const inserted = await tx
    .insert(messages)
    .values({
      id: newId('msg'),
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      leadId: conversation.leadId,
      direction: 'inbound',
      author: 'lead',
      kind: input.kind,
      body: input.body,
      payload: input.payload,
      providerMessageId: input.providerMessageId,
      status: 'received',
      statusAt: input.sentAt,
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) {
    const [existing] = await tx
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.workspaceId, conversation.workspaceId),
          eq(messages.providerMessageId, input.providerMessageId!),
        ),
      );
    return { message: existing!, isDuplicate: true };
  }
  // Out-of-order deliveries must not move the window back: keep the latest time the lead wrote.
  const written = await writeAndPublish(
    tx,
    tx
      .update(conversations)
      .set({
        lastInboundAt: sql`GREATEST(${conversations.lastInboundAt}, ${input.sentAt.toISOString()}::timestamptz)`,
        activitySequence: sql`${conversations.activitySequence} + 1`,
        status: 'open',
        updatedAt: input.now,
      })
      .where(
        and(eq(conversations.workspaceId, conversation.workspaceId), eq(conversations.id, conversation.id)),
      )
      .returning(),
    {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: 'message',
      messageId: inserted[0]!.id,
    },
  );
  Object.assign(conversation, mapRowsOf(conversations, written)[0]);
  return { message: inserted[0]!, isDuplicate: false };
}

export async function findMessage(db: Database, messageId: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, messageId));
  return row;
}

export async function listConversationMessages(
  db: Database,
  workspaceId: string,
  conversationId: string,
  limit = 200,
): Promise<MessageRow[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.reverse();
}
