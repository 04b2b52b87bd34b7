// What Chaud keeps of a WhatsApp webhook, independent of Meta's wire names (see whatsapp-webhook.schemas.ts).

/** An error object as Meta puts it in webhooks (`messages[].errors`, `statuses[].errors`, `value.errors`). */
export interface WhatsAppErrorDetail {
  code: number;
  title?: string;
  message?: string;
  /** `error_data.details`: the most specific explanation Meta gives. */
  details?: string;
}

/** The user who wrote, from `value.contacts[]`: `wa_id` and, when Meta sends it, the business-scoped user id. */
export interface WhatsAppContact {
  waId?: string;
  /** BSUID (`user_id`, e.g. "US.1349…"): stable per business even when the user hides or changes their number. */
  businessScopedUserId?: string;
  parentBusinessScopedUserId?: string;
  name?: string;
  username?: string;
}

/** The ad or post of a Click-to-WhatsApp entry point, as Meta sends it in `messages[].referral`. */
export interface AdReferral {
  sourceUrl?: string;
  sourceId?: string;
  /** "ad" or "post" per Meta's docs. */
  sourceType?: string;
  headline?: string;
  body?: string;
  mediaType?: string;
  imageUrl?: string;
  videoUrl?: string;
  thumbnailUrl?: string;
  /** Click id, to report conversions back to Meta. */
  ctwaClid?: string;
  welcomeMessageText?: string;
}

/** Where a lead came from, in the shape capture stores (`source` + UTM fields of at most 200 characters). */
export interface LeadAttribution {
  source: 'whatsapp_ad';
  utm: { source?: 'facebook' | 'instagram'; medium: 'ctwa'; campaign?: string; content?: string };
  clickId?: string;
  adUrl?: string;
}

export type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface InboundMedia {
  /** Media id: GET {graph}/{version}/{id} gives a short-lived download URL. */
  id: string;
  mimeType?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
  isVoice?: boolean;
  isAnimated?: boolean;
}

export interface SharedContact {
  formattedName?: string;
  firstName?: string;
  lastName?: string;
  phones: { phone?: string; waId?: string; type?: string }[];
  emails: { email?: string; type?: string }[];
  company?: string;
}

export type InboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'media'; mediaType: MediaType; media: InboundMedia }
  | {
      kind: 'location';
      location: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
    }
  | { kind: 'contacts'; contacts: SharedContact[] }
  | { kind: 'button_reply'; replyId: string; title: string }
  | { kind: 'list_reply'; replyId: string; title: string; description?: string }
  /** A quick-reply button of a template: `payload` is what the template was sent with. */
  | { kind: 'template_button'; payload?: string; text: string }
  /** An empty or missing emoji means the user removed their reaction. */
  | { kind: 'reaction'; targetMessageId: string; emoji?: string }
  /** e.g. `user_changed_number` with the new wa_id. */
  | { kind: 'system'; systemType?: string; body?: string; newWaId?: string }
  /** Types Meta marks unsupported, and every type Chaud does not read (order, revoke, edit, flows…). */
  | { kind: 'unsupported'; originalType: string; errors: WhatsAppErrorDetail[] };

export type InboundMessageKind = InboundContent['kind'];

export type InboundMessage = InboundContent & {
  /** The wamid: deduplicate on it, Meta may deliver the same message more than once. */
  id: string;
  /** wa_id of the sender. */
  from: string;
  fromBusinessScopedUserId?: string;
  /** When the user sent it (Meta's timestamp): the customer-service window starts here. */
  sentAt: Date;
  /** The message this one answers (`context.id`): a reply, or the message holding the tapped button. */
  replyToMessageId?: string;
  isForwarded: boolean;
  isFrequentlyForwarded: boolean;
  referral?: AdReferral;
  attribution?: LeadAttribution;
};

/** Delivery statuses Meta reports; `played` is for voice messages. */
export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export interface StatusUpdate {
  messageId: string;
  status: DeliveryStatus;
  at: Date;
  recipientId?: string;
  recipientBusinessScopedUserId?: string;
  errors: WhatsAppErrorDetail[];
  conversation?: { id?: string; expiresAt?: Date; originType?: string };
  pricing?: { isBillable?: boolean; pricingModel?: string; category?: string };
  /** Opaque string Chaud attached when sending (`biz_opaque_callback_data`). */
  callbackData?: string;
}

/** A user stopping or resuming marketing messages from WhatsApp's own menu. */
export interface MarketingPreference {
  waId: string;
  category: string;
  /** "stop", "resume", "signup"… */
  value: string;
  detail?: string;
  at: Date;
}

/** One `changes[]` item for a business phone number; a payload may hold several. */
export interface WebhookEntry {
  /** WhatsApp Business Account id (`entry[].id`). */
  businessAccountId?: string;
  /** Routes the webhook to the workspace that owns this number. */
  phoneNumberId: string;
  displayPhoneNumber?: string;
  contacts: WhatsAppContact[];
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  marketingPreferences: MarketingPreference[];
  /** Errors Meta attached to the change itself (`value.errors`), e.g. a payload it could not build. */
  errors: WhatsAppErrorDetail[];
}

/** Part of a payload that was left out, with why; logged, never fatal. */
export interface SkippedItem {
  path: string;
  reason: string;
}

export interface ParsedWebhook {
  entries: WebhookEntry[];
  /** Changes of fields Chaud does not subscribe to (templates, account updates, calls…). */
  ignoredFields: string[];
  skipped: SkippedItem[];
}
