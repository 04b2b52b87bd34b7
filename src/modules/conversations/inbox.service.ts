import { and, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { users } from '../access/index.ts';
import { findVisibleLead } from '../leads/index.ts';
import { isWindowOpen, windowClosesAt } from './channels/whatsapp/index.ts';
import { publishConversationChange } from './conversation-events.ts';
import { conversationErrors } from './conversations.errors.ts';
import type { ConversationDto, MessageDto } from './conversations.schemas.ts';
import {
  type ConversationRow,
  findConversation,
  type MessageRow,
  queueOutboundMessage,
  updateConversation,
} from './conversations.service.ts';
import { messages } from './conversations.tables.ts';
import { cancelQueuedMessages } from './queued-messages.service.ts';

export function toConversationDto(row: ConversationRow): ConversationDto {
  const closesAt = row.channel === 'whatsapp' ? windowClosesAt(row.lastInboundAt ?? undefined) : undefined;
  return {
    id: row.id,
    leadId: row.leadId,
    channel: row.channel,
    contactAddress: row.contactAddress,
    status: row.status,
    mode: row.mode,
    needsHuman: row.needsHuman,
    handoffReason: row.handoffReason,
    assignedUserId: row.assignedUserId,
    language: row.language,
    phase: typeof row.agentState.phase === 'string' ? row.agentState.phase : null,
    verdict: row.verdict,
    verdictReason: row.verdictReason,
    lastInboundAt: row.lastInboundAt?.toISOString() ?? null,
    lastOutboundAt: row.lastOutboundAt?.toISOString() ?? null,
    windowClosesAt: closesAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toMessageDto(row: MessageRow): MessageDto {
  const content = (row.payload as { content?: { kind?: string; choices?: { id: string; title: string }[] } })
    .content;
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction,
    author: row.author,
    authorUserId: row.authorUserId,
    kind: row.kind,
    body: row.body,
    ...(content?.kind === 'choices' && content.choices ? { choices: content.choices } : {}),
    status: row.status,
    providerMessageId: row.providerMessageId,
    error: row.error ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A conversation the actor may see: reps see only the conversations of leads they own. */
export async function getVisibleConversation(
  db: Database,
  actor: Actor,
  conversationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ConversationRow> {
  const conversation = await findConversation(db, actor.workspaceId, conversationId, options);
  if (!conversation) throw conversationErrors.notFound(conversationId);
  if (actor.role === 'sales_rep') {
    const lead = await findVisibleLead(db, actor, conversation.leadId).catch(() => null);
    if (!lead) throw conversationErrors.notFound(conversationId);
  }
  return conversation;
}

async function changeConversation(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
  change: (conversation: ConversationRow, tx: Database) => Promise<Partial<ConversationRow>>,
): Promise<ConversationDto> {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const conversation = await getVisibleConversation(tx, actor, conversationId, { forUpdate: true });
    const changes = await change(conversation, tx);
    return toConversationDto(await updateConversation(tx, conversation, changes, ctx.clock.now()));
  });
}

export async function assignConversation(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
  userId: string | null,
) {
  return changeConversation(ctx, actor, conversationId, async (_conversation, tx) => {
    if (userId !== null) {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, userId)));
      if (!user) throw conversationErrors.unknownUser(userId);
    }
    return { assignedUserId: userId };
  });
}

/** A person answers from now on: the agent stops replying and its pending messages are cancelled. */
export async function takeOverConversation(ctx: AppContext, actor: Actor, conversationId: string) {
  return changeConversation(ctx, actor, conversationId, async (conversation, tx) => {
    await cancelQueuedMessages(ctx, tx, conversation, 'taken_over', { agentOnly: true });
    return {
      mode: 'human',
      needsHuman: false,
      assignedUserId: conversation.assignedUserId ?? actor.userId,
    };
  });
}

/** Hands the conversation back to the agent. */
export async function releaseConversation(ctx: AppContext, actor: Actor, conversationId: string) {
  return changeConversation(ctx, actor, conversationId, async () => ({
    mode: 'agent',
    needsHuman: false,
    handoffReason: null,
  }));
}

/** A person writes to the lead; only in a taken-over conversation, so the agent and a person never talk over each other. */
export async function sendManualMessage(ctx: AppContext, actor: Actor, conversationId: string, text: string) {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const conversation = await getVisibleConversation(tx, actor, conversationId, { forUpdate: true });
    if (conversation.mode !== 'human') throw conversationErrors.notTakenOver(conversationId);
    const now = ctx.clock.now();
    if (conversation.channel === 'whatsapp' && !isWindowOpen(conversation.lastInboundAt ?? undefined, now))
      throw conversationErrors.closedWindow();
    const content =
      conversation.channel === 'email'
        ? {
            kind: 'email' as const,
            subject: conversation.language === 'fr' ? 'Votre demande' : 'Your request',
            text,
          }
        : { kind: 'text' as const, text };
    const message = await queueOutboundMessage(tx, ctx.outbox, {
      conversation,
      content,
      author: 'user',
      authorUserId: actor.userId,
      now,
    });
    return toMessageDto(message);
  });
}

/** An internal note: visible to the team in the inbox, never sent. */
export async function addNote(ctx: AppContext, actor: Actor, conversationId: string, text: string) {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const conversation = await getVisibleConversation(tx, actor, conversationId);
    const now = ctx.clock.now();
    const [note] = await tx
      .insert(messages)
      .values({
        id: newId('msg'),
        workspaceId: actor.workspaceId,
        conversationId: conversation.id,
        leadId: conversation.leadId,
        direction: 'note',
        author: actor.via === 'system' ? 'system' : 'user',
        authorUserId: actor.userId,
        kind: 'note',
        body: text,
        status: 'delivered',
        statusAt: now,
        createdAt: now,
      })
      .returning();
    await publishConversationChange(tx, {
      workspaceId: actor.workspaceId,
      conversationId: conversation.id,
      kind: 'message',
      messageId: note!.id,
    });
    return toMessageDto(note!);
  });
}
