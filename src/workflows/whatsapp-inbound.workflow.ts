import { and, eq, sql } from 'drizzle-orm';
import {
  applyDeliveryStatus,
  conversationErrors,
  FALLBACK_STATUS_CODES,
  findConversation,
  findPendingDelivery,
  findWhatsAppAccountByPhoneNumberId,
  type InboundMessage,
  initialAgentState,
  isValidWebhookSignature,
  type MessageRow,
  markDeliveryProcessed,
  type OutboundContent,
  openConversation,
  parseWebhook,
  queueEmailFallback,
  recordInboundMessage,
  type WebhookEntry,
} from '../modules/conversations/index.ts';
import { leads } from '../modules/leads/index.ts';
import { recordConsents } from '../modules/privacy/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { enqueueAgentTurn } from './conversation-jobs.ts';
import { conversationRuntime } from './conversation-runtime.ts';
import { captureLead } from './lead-intake.workflow.ts';
import { type StoreWhatsAppDelivery, storeOneWhatsAppDelivery } from './whatsapp-delivery-writer.ts';
import { contactOf, findLeadByWhatsApp, isPhoneNumber, messageBody } from './whatsapp-inbound.message.ts';

// A recent status naming a wamid we have not stored is retried (our send's answer may lag behind it);
// one older than this is not about a message of ours and is dropped.
const UNMATCHED_STATUS_RETRY_MS = 10 * 60_000;

function firstPhoneNumberId(body: unknown): string | null {
  const entries = (
    body as { entry?: { changes?: { value?: { metadata?: { phone_number_id?: unknown } } }[] }[] }
  )?.entry;
  for (const entry of Array.isArray(entries) ? entries : []) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      const id = change?.value?.metadata?.phone_number_id;
      if (typeof id === 'string' && id !== '') return id;
    }
  }
  return null;
}

/**
 * The webhook request: check the signature over the raw bytes with the app secret of the number
 * the payload names, keep the body, enqueue its processing — one short transaction, then 200.
 */
export async function receiveWhatsAppWebhook(
  ctx: AppContext,
  rawBody: Buffer,
  signature: string | undefined,
  store: StoreWhatsAppDelivery = storeOneWhatsAppDelivery(ctx),
): Promise<{ deliveryId: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw conversationErrors.webhookSignature();
  }
  const phoneNumberId = firstPhoneNumberId(parsed);
  const account = phoneNumberId ? await findWhatsAppAccountByPhoneNumberId(ctx.db, phoneNumberId) : undefined;
  if (!account) throw conversationErrors.unknownPhoneNumber();
  if (!isValidWebhookSignature(rawBody, signature, account.appSecret))
    throw conversationErrors.webhookSignature();
  const deliveryId = await store({ workspaceId: account.workspaceId, body: rawBody.toString('utf8') });
  return { deliveryId };
}

/** The processing job of one stored WhatsApp delivery: messages, statuses, marketing opt-outs. */
export async function processWhatsAppDelivery(ctx: AppContext, deliveryId: string): Promise<void> {
  const delivery = await findPendingDelivery(ctx.db, deliveryId);
  if (!delivery) return;
  const parsed = parseWebhook(JSON.parse(delivery.body));
  let hasUnmatchedStatus = false;
  const problems: string[] = [];
  await ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    for (const entry of parsed.entries) {
      const account = await findWhatsAppAccountByPhoneNumberId(tx, entry.phoneNumberId);
      // A number of another workspace in the same app is processed there; unknown numbers are dropped.
      if (!account) continue;
      const workspaceId = account.workspaceId;
      for (const message of entry.messages) {
        // One unreadable message (a sender id that is no phone number…) must not hold back the others.
        try {
          await tx.transaction((savepoint) =>
            recordWhatsAppMessage(ctx, savepoint as unknown as Database, workspaceId, entry, message),
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push(`${message.id}: ${error.code}`);
          ctx.logger.warn(
            { deliveryId, wamid: message.id, code: error.code },
            'inbound WhatsApp message skipped',
          );
        }
      }
      for (const status of entry.statuses) {
        const isRecent = ctx.clock.now().getTime() - status.at.getTime() < UNMATCHED_STATUS_RETRY_MS;
        const applied = await applyDeliveryStatus(tx, workspaceId, status);
        if (!applied && isRecent) hasUnmatchedStatus = true;
        if (applied?.isAdvanced && status.status === 'failed')
          await fallBackAfterFailure(ctx, tx, applied.message, status);
      }
      for (const preference of entry.marketingPreferences) {
        if (preference.value !== 'stop') continue;
        const leadId = (await findLeadByWhatsApp(tx, workspaceId, preference.waId, undefined))?.leadId;
        if (leadId)
          await recordConsents(
            tx,
            workspaceId,
            leadId,
            [
              {
                purpose: 'whatsapp',
                channel: 'whatsapp',
                granted: false,
                text: 'WhatsApp marketing preference: stop',
              },
            ],
            { method: 'message' },
            preference.at,
          );
      }
    }
    if (hasUnmatchedStatus) throw new Error('status for a message not stored yet; retrying');
    await markDeliveryProcessed(
      tx,
      delivery,
      ctx.clock.now(),
      problems.length > 0 ? problems.join('; ') : null,
    );
  });
}

/** Meta accepted the send but could not deliver it (not on WhatsApp, re-engagement needed): try e-mail. */
async function fallBackAfterFailure(
  ctx: AppContext,
  tx: Database,
  message: MessageRow,
  status: { errors: { code: number }[] },
): Promise<void> {
  if (
    message.direction !== 'outbound' ||
    !status.errors.some((error) => FALLBACK_STATUS_CODES.has(error.code))
  )
    return;
  const conversation = await findConversation(tx, message.workspaceId, message.conversationId);
  const content = (message.payload as { content?: OutboundContent }).content;
  if (!conversation || !content || !conversationRuntime(ctx).channels.email) return;
  await queueEmailFallback(tx, ctx.outbox, conversation, content, ctx.clock.now());
}

async function recordWhatsAppMessage(
  ctx: AppContext,
  tx: Database,
  workspaceId: string,
  entry: WebhookEntry,
  message: InboundMessage,
): Promise<void> {
  const contact = contactOf(entry, message);
  const waId = message.from || contact?.waId;
  const bsuid = message.fromBusinessScopedUserId ?? contact?.businessScopedUserId;
  // Deliveries are processed in parallel and Meta splits one person's burst over several: one sender
  // at a time, so two first messages of a new person make one lead, not a unique-key race.
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`wa:${workspaceId}:${waId ?? bsuid}`}, 0))`,
  );
  const known = await findLeadByWhatsApp(tx, workspaceId, waId, bsuid);
  let leadId = known?.leadId ?? null;
  // Given by the capture below when there is one; read from the lead otherwise.
  let leadLanguage: string | null | undefined;
  const isNewIdentity =
    Boolean(bsuid && !known?.kinds.has('bsuid')) || Boolean(waId && !known?.kinds.has('whatsapp'));
  if (!leadId || message.attribution || isNewIdentity) {
    // A new person, a new id of a known one, or a click on an ad: capture records the lead with its
    // identities, source and UTM.
    const captured = await captureLead(
      ctx,
      {
        workspaceId,
        fields: {
          ...(contact?.name && !leadId ? { firstName: contact.name.split(' ')[0] } : {}),
          ...(waId
            ? { whatsappId: waId, ...(leadId || !isPhoneNumber(`+${waId}`) ? {} : { phone: `+${waId}` }) }
            : {}),
          ...(bsuid ? { whatsappUserId: bsuid } : {}),
        },
        touch: message.attribution
          ? { source: message.attribution.source, utm: message.attribution.utm }
          : { source: 'whatsapp' },
        eventType: leadId ? 'lead_updated' : 'lead_captured',
        eventSource: 'whatsapp_inbound',
        eventProperties: { wamid: message.id },
        occurredAt: message.sentAt,
        consents: [
          {
            purpose: 'whatsapp',
            channel: 'whatsapp',
            granted: true,
            text: 'The person wrote to the business on WhatsApp.',
          },
        ],
        proof: { method: 'message', messageId: message.id },
      },
      tx,
    );
    leadId = captured.lead.id;
    leadLanguage = captured.lead.language;
  }
  if (leadLanguage === undefined) {
    const [lead] = await tx
      .select({ language: leads.language })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)));
    leadLanguage = lead?.language;
  }
  const language = leadLanguage?.startsWith('en') ? 'en' : 'fr';
  const conversation = await openConversation(tx, {
    workspaceId,
    leadId,
    channel: 'whatsapp',
    contactAddress: waId ?? bsuid ?? leadId,
    language,
    agentState: initialAgentState(language) as unknown as Record<string, unknown>,
    now: ctx.clock.now(),
  });
  const { kind, body, payload } = messageBody(message);
  const recorded = await recordInboundMessage(tx, {
    conversation,
    kind,
    body,
    payload: { ...payload, ...(message.replyToMessageId ? { replyTo: message.replyToMessageId } : {}) },
    providerMessageId: message.id,
    sentAt: message.sentAt,
    now: ctx.clock.now(),
  });
  // Reactions and system notices are kept in the conversation but are not a turn of the dialogue.
  if (!recorded.isDuplicate && kind !== 'reaction' && kind !== 'system')
    await enqueueAgentTurn(ctx, tx, recorded.message.id);
}
