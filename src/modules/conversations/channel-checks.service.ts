import type { Actor, AppContext } from '../../platform/context.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { getUser } from '../access/index.ts';
import { findWhatsAppAccount } from './channel-settings.service.ts';
import { EmailChannel } from './channels/email/email.channel.ts';
import { EmailSendError } from './channels/email/email.errors.ts';
import { SmtpEmailSender } from './channels/email/email-sender.ts';
import { splitGraphUrl } from './channels/whatsapp/whatsapp.channel.ts';
import { describeErrorCode } from './channels/whatsapp/whatsapp-send-errors.rules.ts';
import { linkSigningSecret, parseSender } from './channels.factory.ts';
import { conversationErrors } from './conversations.errors.ts';

// "Test connection" checks for the settings screen: they answer what the provider said instead of
// throwing, so an admin sees Meta's or the SMTP server's own words next to the button.

export interface ChannelCheck {
  ok: boolean;
  /** Meta's error code, or the SMTP reply code; null when the check passed or nothing answered. */
  code: number | null;
  message: string;
  details?: Record<string, string>;
}

const CHECK_TIMEOUT_MS = 10_000;

const checkErrors = {
  emailNotConfigured: () =>
    new ConflictError('EMAIL_NOT_CONFIGURED', 'E-mail is not configured: set SMTP_URL to send e-mail.'),
  testEmailNeedsUser: () =>
    new ValidationError(
      'A test e-mail goes to the person asking: call with a session or a key tied to a user.',
      undefined,
      'TEST_EMAIL_NEEDS_USER',
    ),
};

/** GET /{version}/{phone-number-id} with the stored token: proves the token and the number id together. */
export async function checkWhatsAppAccount(ctx: AppContext, workspaceId: string): Promise<ChannelCheck> {
  const account = await findWhatsAppAccount(ctx.db, workspaceId);
  if (!account) throw conversationErrors.whatsappNotConnected();
  const { baseUrl, apiVersion } = splitGraphUrl(account.graphUrl);
  const url = `${baseUrl}/${apiVersion}/${encodeURIComponent(account.phoneNumberId)}?fields=display_phone_number,verified_name,quality_rating`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${account.accessToken}` },
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
  } catch (cause) {
    return { ok: false, code: null, message: `The Graph API could not be reached: ${String(cause)}` };
  }
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (response.ok) {
    const details: Record<string, string> = {};
    for (const key of ['display_phone_number', 'verified_name', 'quality_rating'])
      if (typeof body?.[key] === 'string') details[key] = body[key] as string;
    return { ok: true, code: null, message: 'Connected', details };
  }
  const error = (body?.error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof error.code === 'number' ? error.code : null;
  const meaning = code === null ? undefined : describeErrorCode(code);
  const text =
    typeof error.message === 'string' ? error.message : `HTTP ${response.status} from the Graph API`;
  return { ok: false, code, message: meaning && !text.includes(meaning) ? `${text} (${meaning})` : text };
}

/** Whether this process sends e-mail, and from whom; never the SMTP URL (it may hold a password). */
export function emailSettings(ctx: AppContext): { configured: boolean; from: string | null } {
  if (!ctx.config.env.SMTP_URL) return { configured: false, from: null };
  const from = senderOf(ctx);
  return { configured: true, from: from.name ? `${from.name} <${from.address}>` : from.address };
}

/** Sends a test e-mail to the person asking, through the same EmailChannel conversations use. */
export async function sendTestEmail(ctx: AppContext, actor: Actor): Promise<ChannelCheck & { to: string }> {
  if (!ctx.config.env.SMTP_URL) throw checkErrors.emailNotConfigured();
  if (!actor.userId) throw checkErrors.testEmailNeedsUser();
  const user = await getUser(ctx, actor.workspaceId, actor.userId);
  const sender = new SmtpEmailSender(ctx.config.env.SMTP_URL);
  const channel = new EmailChannel({
    sender,
    from: senderOf(ctx),
    publicUrl: ctx.config.publicUrl,
    secret: linkSigningSecret(ctx.config),
  });
  try {
    await channel.sendToStaff({
      to: { address: user.email, name: user.name },
      subject: 'Chaud: test e-mail / e-mail de test',
      text: 'This is a test e-mail sent from the Chaud settings.\n\nCeci est un e-mail de test envoyé depuis les paramètres de Chaud.',
      link: `${ctx.config.publicUrl.replace(/\/+$/, '')}/settings/channels`,
      localId: `test-${Date.now()}`,
    });
    return { ok: true, code: null, message: 'Sent', to: user.email };
  } catch (error) {
    if (!(error instanceof EmailSendError)) throw error;
    return { ok: false, code: error.smtpCode, message: error.message, to: user.email };
  } finally {
    sender.close();
  }
}

function senderOf(ctx: AppContext) {
  return parseSender(ctx.config.env.CHAUD_EMAIL_FROM, new URL(ctx.config.publicUrl).hostname);
}
