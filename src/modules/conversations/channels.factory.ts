import { createHash } from 'node:crypto';
import type { Config } from '../../config/env.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Channel } from './channel.ts';
import { findWhatsAppAccountCached, toWhatsAppAccount } from './channel-settings.service.ts';
import { EmailChannel } from './channels/email/email.channel.ts';
import { SmtpEmailSender } from './channels/email/email-sender.ts';
import { SandboxChannel } from './channels/sandbox/sandbox.channel.ts';
import { WhatsAppChannel } from './channels/whatsapp/whatsapp.channel.ts';
import type { ChannelKind } from './conversations.tables.ts';

/** Reads `Name <address>` or a bare address. */
export function parseSender(
  value: string | undefined,
  fallbackHost: string,
): { address: string; name?: string } {
  const match = value ? /^\s*(?:"?([^"<]*?)"?\s*)?<([^>]+)>\s*$/.exec(value) : null;
  if (match) return { address: match[2]!.trim(), ...(match[1] ? { name: match[1].trim() } : {}) };
  if (value?.includes('@')) return { address: value.trim() };
  return { address: `no-reply@${fallbackHost}`, name: 'Chaud' };
}

/**
 * The secret that signs unsubscribe links: CHAUD_SECRET, or one derived from where the data lives
 * (stable across restarts of one install; set CHAUD_SECRET in production so it is not guessable).
 */
export function linkSigningSecret(config: Config): string {
  if (config.secret) return config.secret;
  const where = config.database.kind === 'postgres' ? config.database.url : config.database.dataDir;
  return createHash('sha256').update(`chaud-links:${where}`).digest('hex');
}

/** The channel drivers of a process: the sandbox always, WhatsApp always (per-workspace accounts), e-mail with SMTP_URL. */
export function createConversationChannels(
  db: Database,
  config: Config,
): Partial<Record<ChannelKind, Channel>> {
  const channels: Partial<Record<ChannelKind, Channel>> = {
    sandbox: new SandboxChannel(),
    whatsapp: new WhatsAppChannel(
      async (workspaceId) => {
        const row = await findWhatsAppAccountCached(db, workspaceId);
        return row ? toWhatsAppAccount(row) : null;
      },
      { throughputPerSecond: config.env.WHATSAPP_THROUGHPUT_PER_SECOND },
    ),
  };
  if (config.env.SMTP_URL) {
    channels.email = new EmailChannel({
      sender: new SmtpEmailSender(config.env.SMTP_URL),
      from: parseSender(config.env.CHAUD_EMAIL_FROM, new URL(config.publicUrl).hostname),
      publicUrl: config.publicUrl,
      secret: linkSigningSecret(config),
    });
  }
  return channels;
}
