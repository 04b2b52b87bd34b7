import {
  type ChannelKind,
  type ConversationRow,
  decideChannelPermission,
  findLeadConversation,
  findWhatsAppAccountCached,
  isWindowOpen,
  type OutboundContent,
  openConversation,
  queueOutboundMessage,
} from '../modules/conversations/index.ts';
import type { leads } from '../modules/leads/index.ts';
import {
  type EnrollmentRow,
  findTemplate,
  renderTemplate,
  type SequenceStep,
  type TemplateContext,
} from '../modules/nurturing/index.ts';
import { getCurrentConsents } from '../modules/privacy/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { conversationRuntime } from './conversation-runtime.ts';

type LeadRow = typeof leads.$inferSelect;
type SendStep = Extract<SequenceStep, { type: 'send' }>;
export type SendOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'opted_out' };

function languageOf(lead: LeadRow): 'fr' | 'en' {
  return lead.language?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

function contextOf(lead: LeadRow): TemplateContext {
  return {
    lead: {
      firstName: lead.firstName,
      lastName: lead.lastName,
      company: { name: lead.companyName },
      jobTitle: lead.jobTitle,
    },
  };
}

async function conversationOn(
  tx: Database,
  lead: LeadRow,
  channel: ChannelKind,
  contactAddress: string,
  now: Date,
): Promise<ConversationRow> {
  return (
    (await findLeadConversation(tx, lead.workspaceId, lead.id, channel)) ??
    openConversation(tx, {
      workspaceId: lead.workspaceId,
      leadId: lead.id,
      channel,
      contactAddress,
      language: languageOf(lead),
      agentState: {},
      now,
    })
  );
}

/**
 * One send step: consent and the WhatsApp window are checked now, at send time; the message goes
 * through the outbox in the step's transaction. Returns why nothing was sent when nothing is.
 */
export async function sendSequenceMessage(
  ctx: AppContext,
  tx: Database,
  input: { lead: LeadRow; step: SendStep; enrollment: EnrollmentRow; now: Date },
): Promise<SendOutcome> {
  const { lead, step, now } = input;
  const language = languageOf(lead);
  const consents = await getCurrentConsents(tx, lead.workspaceId, lead.id);
  const template = step.template ? await findTemplate(tx, lead.workspaceId, step.template) : null;
  if (step.template && !template) return { kind: 'skipped', reason: 'template_missing' };

  if (step.channel === 'email') {
    if (!lead.email) return { kind: 'skipped', reason: 'no_email' };
    if (!conversationRuntime(ctx).channels.email) return { kind: 'skipped', reason: 'email_not_configured' };
    const existing = await findLeadConversation(tx, lead.workspaceId, lead.id, 'email');
    const permission = decideChannelPermission(consents, 'email', {
      hasLeadWritten: Boolean(existing?.lastInboundAt),
    });
    if (permission.isOptedOut) return { kind: 'opted_out' };
    if (!permission.isAllowed) return { kind: 'skipped', reason: 'no_consent' };
    const rendered = template
      ? renderTemplate(template, language, contextOf(lead))
      : {
          subject: undefined,
          text: renderTemplate(
            { name: 'inline', channel: 'email', body: { fr: step.text ?? '', en: step.text ?? '' } },
            language,
            contextOf(lead),
          ).text,
        };
    const conversation = existing ?? (await conversationOn(tx, lead, 'email', lead.email, now));
    const subject = rendered.subject ?? (language === 'fr' ? 'Votre projet' : 'Your project');
    return queue(ctx, tx, conversation, { kind: 'email', subject, text: rendered.text }, now);
  }

  const address = lead.whatsappId ?? lead.phone?.replace(/^\+/, '') ?? null;
  if (!address) return { kind: 'skipped', reason: 'no_phone' };
  const channel: ChannelKind = (await findWhatsAppAccountCached(tx, lead.workspaceId))
    ? 'whatsapp'
    : 'sandbox';
  const existing = await findLeadConversation(tx, lead.workspaceId, lead.id, channel);
  const permission = decideChannelPermission(consents, channel, {
    hasLeadWritten: Boolean(existing?.lastInboundAt),
  });
  if (permission.isOptedOut) return { kind: 'opted_out' };
  if (!permission.isAllowed) return { kind: 'skipped', reason: 'no_consent' };
  const conversation =
    existing ?? (await conversationOn(tx, lead, channel, channel === 'sandbox' ? lead.id : address, now));
  const isWindow = channel === 'sandbox' || isWindowOpen(conversation.lastInboundAt ?? undefined, now);
  const text = template
    ? renderTemplate(template, language, contextOf(lead)).text
    : renderTemplate(
        { name: 'inline', channel: 'whatsapp', body: { fr: step.text ?? '', en: step.text ?? '' } },
        language,
        contextOf(lead),
      ).text;
  if (isWindow) return queue(ctx, tx, conversation, { kind: 'text', text }, now);
  // Outside the 24-hour window only an approved template may go out; free text waits for nothing.
  const approved = template?.whatsappTemplate;
  if (!approved) return { kind: 'skipped', reason: step.text ? 'window_closed' : 'no_approved_template' };
  return queue(
    ctx,
    tx,
    conversation,
    {
      kind: 'template',
      purpose: 'follow_up',
      templateName: approved.name,
      languageCode: approved.languageCode[language] ?? approved.languageCode.fr ?? language,
      parameters: [lead.firstName ?? (language === 'fr' ? 'Bonjour' : 'Hello')],
      text,
    },
    now,
  );
}

async function queue(
  ctx: AppContext,
  tx: Database,
  conversation: ConversationRow,
  content: OutboundContent,
  now: Date,
): Promise<SendOutcome> {
  const message = await queueOutboundMessage(tx, ctx.outbox, {
    conversation,
    content,
    author: 'system',
    now,
    purpose: 'sequence',
  });
  return { kind: 'sent', messageId: message.id };
}
