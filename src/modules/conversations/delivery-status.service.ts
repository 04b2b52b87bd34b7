import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { type DeliveryState, mergeStatus, type StatusUpdate } from './channels/whatsapp/index.ts';
import { publishConversationChange } from './conversation-events.ts';
import { type MessageStatus, messages } from './conversations.tables.ts';

interface StoredDeliveryState
  extends Omit<DeliveryState, 'sentAt' | 'deliveredAt' | 'readAt' | 'playedAt' | 'failedAt'> {
  sentAt?: string;
  deliveredAt?: string;
  readAt?: string;
  playedAt?: string;
  failedAt?: string;
}

const DATE_FIELDS = ['sentAt', 'deliveredAt', 'readAt', 'playedAt', 'failedAt'] as const;

function revive(stored: StoredDeliveryState | undefined): DeliveryState | undefined {
  if (!stored) return undefined;
  const state: DeliveryState = { status: stored.status, errors: stored.errors ?? [] };
  for (const field of DATE_FIELDS) if (stored[field]) state[field] = new Date(stored[field]);
  return state;
}

function store(state: DeliveryState): StoredDeliveryState {
  const stored: StoredDeliveryState = { status: state.status, errors: state.errors };
  for (const field of DATE_FIELDS) if (state[field]) stored[field] = state[field].toISOString();
  return stored;
}

/**
 * Applies a WhatsApp status webhook to the message it names. Returns null when no message carries
 * that wamid yet (the send's answer may still be on its way): the caller retries later.
 */
export async function applyDeliveryStatus(
  tx: Database,
  workspaceId: string,
  update: StatusUpdate,
): Promise<{ message: typeof messages.$inferSelect; isAdvanced: boolean } | null> {
  const [message] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.providerMessageId, update.messageId)))
    .for('update');
  if (!message) return null;
  const payload = message.payload as { delivery?: StoredDeliveryState };
  const merged = mergeStatus(revive(payload.delivery), update);
  const status: MessageStatus = merged.state.status === 'played' ? 'read' : merged.state.status;
  await tx
    .update(messages)
    .set({
      payload: { ...message.payload, delivery: store(merged.state) },
      ...(merged.isAdvanced ? { status, statusAt: update.at } : {}),
      ...(merged.state.errors.length > 0 ? { error: { whatsapp: merged.state.errors } } : {}),
    })
    .where(eq(messages.id, message.id));
  if (merged.isAdvanced)
    await publishConversationChange(tx, {
      workspaceId,
      conversationId: message.conversationId,
      kind: 'status',
      messageId: message.id,
    });
  return { message, isAdvanced: merged.isAdvanced };
}
