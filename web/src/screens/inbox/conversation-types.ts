// Shapes of the conversations API (src/modules/conversations/conversations.schemas.ts), only what the
// inbox and the sandbox read.

export interface Choice {
  id: string;
  title: string;
}

export interface Message {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound' | 'note';
  author: 'lead' | 'agent' | 'user' | 'system';
  authorUserId: string | null;
  kind: string;
  body: string | null;
  choices?: Choice[];
  status: 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'cancelled';
  createdAt: string;
}

export interface Conversation {
  id: string;
  leadId: string;
  channel: 'whatsapp' | 'email' | 'sandbox';
  contactAddress: string;
  status: 'open' | 'closed';
  mode: 'agent' | 'human';
  needsHuman: boolean;
  handoffReason: string | null;
  assignedUserId: string | null;
  language: 'fr' | 'en';
  phase: string | null;
  verdict: 'hot' | 'warm' | 'cold' | 'not_interested' | null;
  lastInboundAt: string | null;
  lastOutboundAt: string | null;
  updatedAt: string;
}

export interface ConversationDetail {
  conversation: Conversation;
  messages: Message[];
}

/** One `conversation` event of GET /api/v1/conversations/stream. */
export interface ConversationChange {
  conversationId: string;
  kind: 'message' | 'updated' | 'status';
  messageId?: string;
}

/** The agent booked the slot the lead chose (a failed booking hands the conversation to a person). */
export function isBooked(conversation: Conversation): boolean {
  return conversation.phase === 'slot_chosen' && !conversation.needsHuman;
}
