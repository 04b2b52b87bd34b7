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

/** The lead's display fields, given with each listed conversation. */
export interface ConversationLead {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  companyName: string | null;
}

/** The newest message sent or received (notes left out), its text cut to 140 characters. */
export interface LastMessage {
  direction: Message['direction'];
  author: Message['author'];
  kind: string;
  text: string | null;
  createdAt: string;
}

/** A conversation as GET /api/v1/conversations lists it (and GET /api/v1/conversations/:id returns it). */
export interface ConversationListItem extends Conversation {
  lead: ConversationLead;
  lastMessage: LastMessage | null;
}

export interface ConversationDetail {
  conversation: ConversationListItem;
  messages: Message[];
}

/** The lead's name, else their e-mail, else the address the conversation goes to. */
export function conversationTitle(item: ConversationListItem): string {
  const name = [item.lead.firstName, item.lead.lastName].filter(Boolean).join(' ');
  return name || item.lead.email || item.contactAddress;
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
