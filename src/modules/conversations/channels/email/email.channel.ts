import type { Channel, ChannelDelivery, ChannelSendResult } from '../../channel.ts';
import type { EmailAddress, SmtpEmailSender } from './email-sender.ts';
import { buildMessageId } from './email-threading.rules.ts';
import { signUnsubscribeToken } from './unsubscribe-token.ts';

export interface EmailChannelOptions {
  sender: SmtpEmailSender;
  from: EmailAddress;
  /** Public base URL of this server: the one-click unsubscribe link points at `{publicUrl}/u/{token}`. */
  publicUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
}

/** E-mail through SMTP: threaded by Message-ID, every message with a one-click unsubscribe link. */
export class EmailChannel implements Channel {
  readonly kind = 'email' as const;
  readonly sender: SmtpEmailSender;
  readonly from: EmailAddress;
  private readonly publicUrl: string;
  private readonly secret: string;
  private readonly domain: string;

  constructor(options: EmailChannelOptions) {
    this.sender = options.sender;
    this.from = options.from;
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.secret = options.secret;
    this.domain = options.from.address.split('@')[1] ?? 'localhost';
  }

  /** The one-click unsubscribe link of a lead (also shown in the e-mail footer). */
  unsubscribeUrl(workspaceId: string, leadId: string): string {
    const token = signUnsubscribeToken({ workspaceId, leadId, channel: 'email' }, this.secret);
    return `${this.publicUrl}/u/${token}`;
  }

  /**
   * A notice to a team member (owner, admin): from the workspace sender, its Message-ID made from
   * `localId` (stable per outbox item and recipient, so a retried send is the same message), and the
   * page it points to as the unsubscribe target (staff manage notices there, not by unsubscribing).
   */
  async sendToStaff(notice: {
    to: EmailAddress;
    subject: string;
    text: string;
    link: string;
    localId: string;
  }) {
    return this.sender.send({
      from: this.from,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
      messageId: buildMessageId(notice.localId.replace(/[^A-Za-z0-9._-]/g, ''), this.domain),
      unsubscribeUrl: notice.link,
    });
  }

  async send(delivery: ChannelDelivery): Promise<ChannelSendResult> {
    const { content } = delivery;
    const french = delivery.language === 'fr';
    const subject =
      content.kind === 'email'
        ? content.subject
        : french
          ? 'Suite à votre demande'
          : 'Following up on your request';
    const body =
      content.kind === 'choices'
        ? [content.text, '', ...content.choices.map((choice, index) => `${index + 1}. ${choice.title}`)].join(
            '\n',
          )
        : content.text;
    const unsubscribeUrl = this.unsubscribeUrl(delivery.workspaceId, delivery.leadId);
    const footer = french
      ? `Pour ne plus recevoir nos e-mails : ${unsubscribeUrl}`
      : `To stop receiving our e-mails: ${unsubscribeUrl}`;
    const thread = delivery.threadProviderIds;
    const result = await this.sender.send({
      from: this.from,
      to: { address: delivery.to },
      subject: thread.length > 0 && !/^re\s*:/i.test(subject) ? `Re: ${subject}` : subject,
      text: `${body}\n\n--\n${footer}\n`,
      messageId: buildMessageId(delivery.messageId, this.domain),
      ...(thread[0] ? { inReplyTo: thread[0], references: [...thread].reverse() } : {}),
      unsubscribeUrl,
    });
    return { providerMessageId: result.providerMessageId, status: 'sent' };
  }
}
