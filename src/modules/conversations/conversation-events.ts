import type { Database } from '../../platform/db/database.ts';
import { notifyOnCommit } from '../../platform/notifications.ts';

/** The notification channel the inbox stream listens on. */
export const CONVERSATION_EVENTS_CHANNEL = 'chaud_conversations';

export interface ConversationChange {
  workspaceId: string;
  conversationId: string;
  kind: 'message' | 'updated' | 'status';
  messageId?: string;
}

/** Announces a change to live inbox views once `tx` commits. */
export async function publishConversationChange(tx: Database, change: ConversationChange): Promise<void> {
  await notifyOnCommit(tx, CONVERSATION_EVENTS_CHANNEL, change);
}
