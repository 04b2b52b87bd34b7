import type { Logger } from '../../platform/logger.ts';
import type { Channel } from './channel.ts';
import { EmailChannel } from './channels/email/email.channel.ts';
import type { ChannelKind } from './conversations.tables.ts';

export interface OwnerNotice {
  channels: Partial<Record<ChannelKind, Channel>>;
  logger: Logger;
  publicUrl: string;
  recipients: { email: string; name: string }[];
  lead: { id: string; name: string };
  conversationId: string;
  reason: string;
  /** The outbox item: with the recipient, the Message-ID (a retry resends the same message). */
  effectId: string;
}

const REASONS: Record<string, string> = {
  requested: 'the lead asked to talk to a person',
  low_confidence: 'the agent did not understand the lead twice in a row',
  negative_sentiment: 'the lead sounds unhappy',
  out_of_scope: 'the lead asked a question the agent cannot answer',
};

/**
 * Tells the people responsible for a lead that a person must answer. By e-mail when SMTP is set
 * up; always in the log and, through the conversation's `needsHuman` flag, in the live inbox.
 */
export async function sendOwnerNotice(notice: OwnerNotice): Promise<Record<string, unknown>> {
  const why = REASONS[notice.reason] ?? notice.reason;
  const link = `${notice.publicUrl.replace(/\/+$/, '')}/inbox/${notice.conversationId}`;
  notice.logger.info(
    { conversationId: notice.conversationId, leadId: notice.lead.id, reason: notice.reason },
    'conversation handed to a person',
  );
  const email = notice.channels.email;
  if (!(email instanceof EmailChannel) || notice.recipients.length === 0) return { notified: 'log' };
  const sent: string[] = [];
  for (const recipient of notice.recipients) {
    await email.sendToStaff({
      to: { address: recipient.email, name: recipient.name },
      subject: `[Chaud] ${notice.lead.name} needs a person`,
      text: `${notice.lead.name} is waiting for an answer: ${why}.\n\nOpen the conversation: ${link}\n`,
      link,
      localId: `${notice.effectId}.${recipient.email}`,
    });
    sent.push(recipient.email);
  }
  return { notified: sent };
}
