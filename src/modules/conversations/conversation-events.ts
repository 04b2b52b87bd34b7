import type { SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { notifyOnCommit, writeAndNotify } from '../../platform/notifications.ts';

/** The notification channel the inbox stream listens on. */
export const CONVERSATION_EVENTS_CHANNEL = 'chaud_conversations';

export interface ConversationChange {
  workspaceId: string;
  conversationId: string;
  kind: 'message' | 'updated' | 'status';
  messageId?: string;
}

/**
 * `write` (a builder with `.returning(…)`) and the announcement of `change` in one statement; the
 * change is announced only if the write touched a row. Returns the rows as the database gave them.
 */
export function writeAndPublish(
  db: Database,
  write: SQLWrapper,
  change: ConversationChange,
): Promise<Record<string, unknown>[]> {
  return writeAndNotify(db, write, CONVERSATION_EVENTS_CHANNEL, change);
}

/** Announces a change to live inbox views once `tx` commits. */
export async function publishConversationChange(tx: Database, change: ConversationChange): Promise<void> {
  await notifyOnCommit(tx, CONVERSATION_EVENTS_CHANNEL, change);
}
