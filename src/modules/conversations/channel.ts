import type { ChannelKind } from './conversations.tables.ts';

/** A choice offered to the lead: WhatsApp renders ≤ 3 as reply buttons and more as a list. */
export interface OutboundChoice {
  id: string;
  title: string;
}

export type TemplatePurpose = 'first_contact' | 'follow_up' | 'booking_reminder';

/** What a message says, independent of the channel that carries it. */
export type OutboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'choices'; text: string; choices: OutboundChoice[] }
  /** An approved WhatsApp template (the only form outside the 24-hour window); `text` is our copy of it. */
  | {
      kind: 'template';
      purpose: TemplatePurpose;
      parameters: string[];
      text: string;
      /** A named approved template (sequences); otherwise the one configured for the purpose. */
      templateName?: string;
      languageCode?: string;
    }
  | { kind: 'email'; subject: string; text: string };

/** What a channel needs to deliver one stored message. */
export interface ChannelDelivery {
  workspaceId: string;
  messageId: string;
  conversationId: string;
  leadId: string;
  /** wa_id, e-mail address, or the lead id on the sandbox. */
  to: string;
  language: 'fr' | 'en';
  content: OutboundContent;
  /** Provider ids of the conversation's earlier messages, newest first (e-mail threading). */
  threadProviderIds: string[];
  now: Date;
}

export interface ChannelSendResult {
  providerMessageId: string | null;
  status: 'sent' | 'delivered';
}

/** One way to reach a lead. Implementations throw errors with `permanent: true` when a retry cannot help. */
export interface Channel {
  readonly kind: ChannelKind;
  send(delivery: ChannelDelivery): Promise<ChannelSendResult>;
}

/** Plain text of any content, for the inbox, the email body and the audit trail. */
export function contentText(content: OutboundContent): string {
  if (content.kind !== 'choices') return content.text;
  const lines = content.choices.map((choice, index) => `${index + 1}. ${choice.title}`);
  return [content.text, '', ...lines].join('\n');
}
