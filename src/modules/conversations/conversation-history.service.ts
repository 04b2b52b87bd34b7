import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { insertRowsAsJson } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import {
  type ChannelKind,
  conversations,
  type MessageAuthor,
  type MessageDirection,
  type MessageStatus,
  messages,
} from './conversations.tables.ts';

// Conversations written as history in bulk (the demo data) and removed with their leads: apart from the live
// path of conversations.service.ts, since nothing here queues, sends or publishes a change.

export interface ConversationHistoryInput {
  workspaceId: string;
  leadId: string;
  channel: ChannelKind;
  contactAddress: string;
  language: 'fr' | 'en';
  agentState: Record<string, unknown>;
  mode: 'agent' | 'human';
  needsHuman: boolean;
  handoffReason: string | null;
  assignedUserId: string | null;
  status: 'open' | 'closed';
  createdAt: Date;
  messages: {
    direction: MessageDirection;
    author: MessageAuthor;
    authorUserId?: string | null;
    body: string;
    status: MessageStatus;
    at: Date;
  }[];
}

/**
 * Stores past conversations with their messages as history, in two statements: nothing is queued
 * or sent (no outbox row, no job, no notification), the rows only say what was said and when.
 */
export async function recordConversationHistory(
  tx: Database,
  items: ConversationHistoryInput[],
): Promise<{ conversations: number; messages: number }> {
  const conversationRows: (typeof conversations.$inferInsert)[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  for (const item of items) {
    const id = newId('conv', item.createdAt.getTime());
    const ordered = [...item.messages].sort((a, b) => a.at.getTime() - b.at.getTime());
    const lastAt = (direction: MessageDirection) =>
      ordered.filter((message) => message.direction === direction).at(-1)?.at ?? null;
    conversationRows.push({
      id,
      workspaceId: item.workspaceId,
      leadId: item.leadId,
      channel: item.channel,
      contactAddress: item.contactAddress,
      status: item.status,
      mode: item.mode,
      needsHuman: item.needsHuman,
      handoffReason: item.handoffReason,
      assignedUserId: item.assignedUserId,
      language: item.language,
      agentState: item.agentState,
      lastInboundAt: lastAt('inbound'),
      lastOutboundAt: lastAt('outbound'),
      activitySequence: ordered.length,
      createdAt: item.createdAt,
      updatedAt: ordered.at(-1)?.at ?? item.createdAt,
    });
    for (const message of ordered)
      messageRows.push({
        id: newId('msg', message.at.getTime()),
        workspaceId: item.workspaceId,
        conversationId: id,
        leadId: item.leadId,
        direction: message.direction,
        author: message.author,
        authorUserId: message.authorUserId ?? null,
        kind: message.direction === 'note' ? 'note' : 'text',
        body: message.body,
        payload: {},
        providerMessageId: null,
        status: message.status,
        statusAt: message.at,
        error: null,
        createdAt: message.at,
      });
  }
  await insertRowsAsJson(tx, conversations, conversationRows);
  await insertRowsAsJson(tx, messages, messageRows);
  return { conversations: conversationRows.length, messages: messageRows.length };
}

/** Deletes the conversations and messages of leads that are being deleted. */
export async function deleteConversationsForLeads(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return;
  await tx
    .delete(messages)
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.leadId, leadIds)));
  await tx
    .delete(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.leadId, leadIds)));
}
