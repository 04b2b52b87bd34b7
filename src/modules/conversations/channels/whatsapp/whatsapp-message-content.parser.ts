import type { InboundContent, MediaType, WhatsAppErrorDetail } from './whatsapp-inbound.types.ts';
import {
  type WebhookErrorWire,
  ZButtonContent,
  ZContactsContent,
  ZInteractiveContent,
  ZLocationContent,
  ZMediaContent,
  ZReactionContent,
  ZSystemContent,
  ZTextContent,
} from './whatsapp-webhook.schemas.ts';

// The type-specific part of an inbound message (`message[message.type]`), read into InboundContent.

const MEDIA_TYPES: ReadonlySet<string> = new Set<MediaType>([
  'image',
  'video',
  'audio',
  'document',
  'sticker',
]);

/** Reads `raw[type]`; a type Chaud does not read, or content it cannot read, becomes 'unsupported'. */
export function readContent(
  type: string,
  raw: Record<string, unknown>,
  errors: WhatsAppErrorDetail[],
): InboundContent {
  const unsupported: InboundContent = { kind: 'unsupported', originalType: type, errors };
  const payload = raw[type];
  if (type === 'text') {
    const text = ZTextContent.safeParse(payload);
    return text.success ? { kind: 'text', text: text.data.body } : unsupported;
  }
  if (MEDIA_TYPES.has(type)) {
    const media = ZMediaContent.safeParse(payload);
    if (!media.success) return unsupported;
    const { id, mime_type, sha256, caption, filename, voice, animated } = media.data;
    return {
      kind: 'media',
      mediaType: type as MediaType,
      media: compact({
        id,
        mimeType: mime_type,
        sha256,
        caption,
        filename,
        isVoice: voice,
        isAnimated: animated,
      }),
    };
  }
  if (type === 'location') {
    const location = ZLocationContent.safeParse(payload);
    return location.success ? { kind: 'location', location: compact(location.data) } : unsupported;
  }
  if (type === 'contacts') {
    const contacts = ZContactsContent.safeParse(payload);
    if (!contacts.success) return unsupported;
    return {
      kind: 'contacts',
      contacts: contacts.data.map((contact) =>
        compact({
          formattedName: contact.name?.formatted_name,
          firstName: contact.name?.first_name,
          lastName: contact.name?.last_name,
          phones: (contact.phones ?? []).map((phone) =>
            compact({ phone: phone.phone, waId: phone.wa_id, type: phone.type }),
          ),
          emails: (contact.emails ?? []).map((email) => compact(email)),
          company: contact.org?.company,
        }),
      ),
    };
  }
  if (type === 'interactive') {
    const interactive = ZInteractiveContent.safeParse(payload);
    if (!interactive.success) return unsupported;
    const { button_reply: button, list_reply: list } = interactive.data;
    if (interactive.data.type === 'button_reply' && button) {
      return { kind: 'button_reply', replyId: button.id, title: button.title };
    }
    if (interactive.data.type === 'list_reply' && list) {
      return compact({
        kind: 'list_reply' as const,
        replyId: list.id,
        title: list.title,
        description: list.description,
      });
    }
    // Flows (nfm_reply) and other interactive replies are not read yet.
    return { ...unsupported, originalType: `interactive.${interactive.data.type}` };
  }
  if (type === 'button') {
    const button = ZButtonContent.safeParse(payload);
    return button.success
      ? compact({ kind: 'template_button' as const, payload: button.data.payload, text: button.data.text })
      : unsupported;
  }
  if (type === 'reaction') {
    const reaction = ZReactionContent.safeParse(payload);
    if (!reaction.success) return unsupported;
    const emoji = reaction.data.emoji === '' ? undefined : reaction.data.emoji;
    return compact({ kind: 'reaction' as const, targetMessageId: reaction.data.message_id, emoji });
  }
  if (type === 'system') {
    const system = ZSystemContent.safeParse(payload);
    if (!system.success) return unsupported;
    return compact({
      kind: 'system' as const,
      systemType: system.data.type,
      body: system.data.body,
      newWaId: system.data.wa_id,
    });
  }
  return unsupported;
}

export function readError(error: WebhookErrorWire): WhatsAppErrorDetail {
  return compact({
    code: error.code,
    title: error.title,
    message: error.message,
    details: error.error_data?.details,
  });
}

/** Drops undefined properties so results compare cleanly and serialise without noise. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
