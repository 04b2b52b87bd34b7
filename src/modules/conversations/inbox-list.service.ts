import { and, desc, eq, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { leads } from '../leads/index.ts';
import { conversationErrors } from './conversations.errors.ts';
import type { ConversationListItemDto } from './conversations.schemas.ts';
import { type ConversationRow, listConversationMessages } from './conversations.service.ts';
import { conversations, messages } from './conversations.tables.ts';
import { toConversationDto, toMessageDto } from './inbox.service.ts';

const PREVIEW_LENGTH = 140;

export interface ConversationListFilter {
  needsHuman?: boolean;
  leadId?: string;
  channel?: ConversationRow['channel'];
  status?: ConversationRow['status'];
  assignedUserId?: string;
  limit: number;
  before?: string;
}

/**
 * Conversations with their lead's display fields and last message, in one statement: the lead by a
 * join (which also limits reps to their own leads), the last message by a lateral subquery that walks
 * `messages_conversation_idx` (workspace, conversation, created_at) backwards and stops at the first row.
 */
async function selectListItems(
  db: Database,
  actor: Actor,
  conditions: SQL[],
  limit: number,
): Promise<ConversationListItemDto[]> {
  const lastMessage = db
    .select({
      direction: messages.direction,
      author: messages.author,
      kind: messages.kind,
      text: sql<string | null>`left(${messages.body}, ${sql.raw(String(PREVIEW_LENGTH))})`.as('preview_text'),
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, conversations.workspaceId),
        eq(messages.conversationId, conversations.id),
        ne(messages.direction, 'note'),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1)
    .as('last_message');
  const scope: SQL[] = [eq(conversations.workspaceId, actor.workspaceId), ...conditions];
  if (actor.role === 'sales_rep') scope.push(eq(leads.ownerId, actor.userId ?? '__none__'));
  const rows = await db
    .select({
      conversation: conversations,
      lead: {
        firstName: leads.firstName,
        lastName: leads.lastName,
        email: leads.email,
        companyName: leads.companyName,
      },
      lastMessage: {
        direction: lastMessage.direction,
        author: lastMessage.author,
        kind: lastMessage.kind,
        text: lastMessage.text,
        createdAt: lastMessage.createdAt,
      },
    })
    .from(conversations)
    .innerJoin(
      leads,
      and(eq(leads.workspaceId, conversations.workspaceId), eq(leads.id, conversations.leadId)),
    )
    .leftJoinLateral(lastMessage, sql`true`)
    .where(and(...scope))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit);
  return rows.map((row) => ({
    ...toConversationDto(row.conversation),
    lead: row.lead,
    // Drizzle nulls a left-joined object whose columns are all null: no message yet.
    lastMessage: row.lastMessage
      ? { ...row.lastMessage, createdAt: new Date(row.lastMessage.createdAt).toISOString() }
      : null,
  }));
}

export async function listConversations(
  db: Database,
  actor: Actor,
  filter: ConversationListFilter,
): Promise<ConversationListItemDto[]> {
  const conditions: SQL[] = [];
  if (filter.needsHuman !== undefined) conditions.push(eq(conversations.needsHuman, filter.needsHuman));
  if (filter.leadId) conditions.push(eq(conversations.leadId, filter.leadId));
  if (filter.channel) conditions.push(eq(conversations.channel, filter.channel));
  if (filter.status) conditions.push(eq(conversations.status, filter.status));
  if (filter.assignedUserId) conditions.push(eq(conversations.assignedUserId, filter.assignedUserId));
  if (filter.before) conditions.push(lt(conversations.updatedAt, new Date(filter.before)));
  return selectListItems(db, actor, conditions, filter.limit);
}

/** One conversation in its list shape (same visibility as the list), so a client can refresh a single row. */
export async function getConversationListItem(
  db: Database,
  actor: Actor,
  conversationId: string,
): Promise<ConversationListItemDto> {
  const [item] = await selectListItems(db, actor, [eq(conversations.id, conversationId)], 1);
  if (!item) throw conversationErrors.notFound(conversationId);
  return item;
}

export async function getConversationWithMessages(db: Database, actor: Actor, conversationId: string) {
  const conversation = await getConversationListItem(db, actor, conversationId);
  const rows = await listConversationMessages(db, actor.workspaceId, conversationId);
  return { conversation, messages: rows.map(toMessageDto) };
}
