import type { z } from 'zod';
import { attributionFromReferral, readReferral } from './ctwa-referral.rules.ts';
import { whatsappErrors } from './whatsapp.errors.ts';
import type {
  DeliveryStatus,
  InboundMessage,
  ParsedWebhook,
  SkippedItem,
  StatusUpdate,
  WebhookEntry,
  WhatsAppContact,
} from './whatsapp-inbound.types.ts';
import { compact, readContent, readError } from './whatsapp-message-content.parser.ts';
import {
  ZMessageBase,
  ZMessagesValue,
  ZStatus,
  ZUserPreferencesValue,
  ZWebhookEnvelope,
} from './whatsapp-webhook.schemas.ts';

const DELIVERY_STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>([
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
]);

/**
 * Reads a WhatsApp Business Account webhook body (already JSON-parsed, signature already checked).
 * Throws WHATSAPP_WEBHOOK_MALFORMED only when the envelope itself is wrong; a message or status that
 * cannot be read is listed in `skipped`, and a message type Chaud does not read becomes 'unsupported'.
 */
export function parseWebhook(body: unknown): ParsedWebhook {
  const envelope = ZWebhookEnvelope.safeParse(body);
  if (!envelope.success) {
    throw whatsappErrors.malformedWebhook(
      'The body is not a WhatsApp webhook envelope.',
      envelope.error.issues,
    );
  }
  if (envelope.data.object !== 'whatsapp_business_account') {
    throw whatsappErrors.malformedWebhook(
      `Webhook object "${envelope.data.object}" is not whatsapp_business_account.`,
    );
  }
  const result: ParsedWebhook = { entries: [], ignoredFields: [], skipped: [] };
  envelope.data.entry.forEach((entry, entryIndex) => {
    entry.changes.forEach((change, changeIndex) => {
      const path = `entry[${entryIndex}].changes[${changeIndex}]`;
      if (change.field === 'messages') {
        const parsed = readMessagesChange(entry.id, change.value, path, result.skipped);
        if (parsed) result.entries.push(parsed);
      } else if (change.field === 'user_preferences') {
        const parsed = readPreferencesChange(entry.id, change.value, path, result.skipped);
        if (parsed) result.entries.push(parsed);
      } else {
        result.ignoredFields.push(change.field);
      }
    });
  });
  return result;
}

function emptyEntry(
  businessAccountId: string | undefined,
  metadata: { phone_number_id: string; display_phone_number?: string },
): WebhookEntry {
  return {
    ...(businessAccountId === undefined ? {} : { businessAccountId }),
    phoneNumberId: metadata.phone_number_id,
    ...(metadata.display_phone_number === undefined
      ? {}
      : { displayPhoneNumber: metadata.display_phone_number }),
    contacts: [],
    messages: [],
    statuses: [],
    marketingPreferences: [],
    errors: [],
  };
}

function readMessagesChange(
  businessAccountId: string | undefined,
  rawValue: unknown,
  path: string,
  skipped: SkippedItem[],
): WebhookEntry | undefined {
  const value = ZMessagesValue.safeParse(rawValue);
  if (!value.success) {
    skipped.push({ path, reason: `no metadata.phone_number_id: ${issueText(value.error)}` });
    return undefined;
  }
  const entry = emptyEntry(businessAccountId, value.data.metadata);
  entry.contacts = (value.data.contacts ?? []).map(
    (contact): WhatsAppContact =>
      compact({
        waId: contact.wa_id,
        businessScopedUserId: contact.user_id,
        parentBusinessScopedUserId: contact.parent_user_id,
        name: contact.profile?.name,
        username: contact.profile?.username,
      }),
  );
  entry.errors = (value.data.errors ?? []).map(readError);
  (value.data.messages ?? []).forEach((raw, index) => {
    const message = readMessage(raw, `${path}.value.messages[${index}]`, skipped);
    if (message) entry.messages.push(message);
  });
  (value.data.statuses ?? []).forEach((raw, index) => {
    const status = readStatus(raw, `${path}.value.statuses[${index}]`, skipped);
    if (status) entry.statuses.push(status);
  });
  return entry;
}

function readPreferencesChange(
  businessAccountId: string | undefined,
  rawValue: unknown,
  path: string,
  skipped: SkippedItem[],
): WebhookEntry | undefined {
  const value = ZUserPreferencesValue.safeParse(rawValue);
  if (!value.success) {
    skipped.push({ path, reason: `unreadable user_preferences: ${issueText(value.error)}` });
    return undefined;
  }
  const entry = emptyEntry(businessAccountId, value.data.metadata);
  entry.marketingPreferences = value.data.user_preferences.map((item) =>
    compact({
      waId: item.wa_id,
      category: item.category,
      value: item.value,
      detail: item.detail,
      at: item.timestamp,
    }),
  );
  return entry;
}

function readMessage(raw: unknown, path: string, skipped: SkippedItem[]): InboundMessage | undefined {
  const base = ZMessageBase.safeParse(raw);
  if (!base.success) {
    // Without an id, a sender and a time the message can be neither deduplicated nor answered.
    skipped.push({ path, reason: `message without id, from or timestamp: ${issueText(base.error)}` });
    return undefined;
  }
  const { id, from, from_user_id, timestamp, context, referral, errors } = base.data;
  const content = readContent(base.data.type, raw as Record<string, unknown>, (errors ?? []).map(readError));
  const adReferral = referral ? readReferral(referral) : undefined;
  return compact({
    ...content,
    id,
    from,
    fromBusinessScopedUserId: from_user_id,
    sentAt: timestamp,
    replyToMessageId: context?.id,
    isForwarded: context?.forwarded === true || context?.frequently_forwarded === true,
    isFrequentlyForwarded: context?.frequently_forwarded === true,
    referral: adReferral,
    attribution: adReferral ? attributionFromReferral(adReferral) : undefined,
  }) as InboundMessage;
}

function readStatus(raw: unknown, path: string, skipped: SkippedItem[]): StatusUpdate | undefined {
  const parsed = ZStatus.safeParse(raw);
  if (!parsed.success) {
    skipped.push({ path, reason: `unreadable status: ${issueText(parsed.error)}` });
    return undefined;
  }
  const status = parsed.data;
  if (!DELIVERY_STATUSES.has(status.status)) {
    skipped.push({ path, reason: `unknown status "${status.status}"` });
    return undefined;
  }
  return compact({
    messageId: status.id,
    status: status.status as DeliveryStatus,
    at: status.timestamp,
    recipientId: status.recipient_id,
    recipientBusinessScopedUserId: status.recipient_user_id,
    errors: (status.errors ?? []).map(readError),
    conversation: status.conversation
      ? compact({
          id: status.conversation.id,
          expiresAt: status.conversation.expiration_timestamp,
          originType: status.conversation.origin?.type,
        })
      : undefined,
    pricing: status.pricing
      ? compact({
          isBillable: status.pricing.billable,
          pricingModel: status.pricing.pricing_model,
          category: status.pricing.category,
        })
      : undefined,
    callbackData: status.biz_opaque_callback_data,
  });
}

function issueText(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ');
}
