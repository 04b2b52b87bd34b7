import { z } from 'zod';

// Meta's webhook wire format (WebhookPayload > Entry > Change > value in business-messaging-api v23.0).
// Every object is a plain z.object: unknown fields are dropped, never rejected, because Meta adds
// fields without notice. Only what Chaud reads is declared; most of it is optional on purpose.

/** Ids and counters arrive as strings in most payloads and as numbers in a few; both are kept as strings. */
const ZIdText = z.union([z.string(), z.number()]).transform(String);

/** Unix seconds, as a string ("1697043223") or a number (user_preferences); read as a Date. */
export const ZUnixTimestamp = z
  .union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()])
  .transform((value) => new Date(Number(value) * 1000));

const ZNumeric = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/),
  ])
  .transform(Number);

export const ZWebhookError = z.object({
  code: ZNumeric,
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});
export type WebhookErrorWire = z.infer<typeof ZWebhookError>;

export const ZChange = z.object({ field: z.string(), value: z.unknown() });

export const ZWebhookEnvelope = z.object({
  object: z.string(),
  entry: z.array(z.object({ id: ZIdText.optional(), changes: z.array(ZChange).default([]) })),
});

export const ZMetadata = z.object({
  display_phone_number: ZIdText.optional(),
  phone_number_id: ZIdText,
});

export const ZContactProfile = z.object({
  wa_id: ZIdText.optional(),
  // Business-scoped user id (BSUID) and its parent, sent alongside or instead of wa_id.
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

/** `value` of a `messages` change: inbound messages, statuses of sent messages, or both. */
export const ZMessagesValue = z.object({
  metadata: ZMetadata,
  contacts: z.array(ZContactProfile).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(ZWebhookError).optional(),
});

/** `value` of a `user_preferences` change: the user stopped or resumed marketing messages inside WhatsApp. */
export const ZUserPreferencesValue = z.object({
  metadata: ZMetadata,
  user_preferences: z.array(
    z.object({
      wa_id: ZIdText,
      category: z.string(),
      value: z.string(),
      detail: z.string().optional(),
      timestamp: ZUnixTimestamp,
    }),
  ),
});

export const ZMessageContext = z.object({
  id: z.string().optional(),
  from: ZIdText.optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z
    .object({ catalog_id: ZIdText.optional(), product_retailer_id: z.string().optional() })
    .optional(),
});

/** Click-to-WhatsApp ad (or boosted post) the user tapped before writing. */
export const ZReferral = z.object({
  source_url: z.string().optional(),
  source_id: ZIdText.optional(),
  source_type: z.string().optional(),
  headline: z.string().optional(),
  body: z.string().optional(),
  media_type: z.string().optional(),
  image_url: z.string().optional(),
  video_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  ctwa_clid: z.string().optional(),
  welcome_message: z.object({ text: z.string().optional() }).optional(),
});
export type ReferralWire = z.infer<typeof ZReferral>;

/** Fields every inbound message has; the type-specific object is read separately. */
export const ZMessageBase = z.object({
  id: z.string().min(1),
  from: ZIdText,
  from_user_id: z.string().optional(),
  timestamp: ZUnixTimestamp,
  type: z.string().default('unknown'),
  context: ZMessageContext.optional(),
  referral: ZReferral.optional(),
  errors: z.array(ZWebhookError).optional(),
});

export const ZTextContent = z.object({ body: z.string() });

export const ZMediaContent = z.object({
  id: ZIdText,
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  url: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

export const ZLocationContent = z.object({
  latitude: ZNumeric,
  longitude: ZNumeric,
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});

export const ZSharedContact = z.object({
  name: z
    .object({
      formatted_name: z.string().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
    })
    .optional(),
  phones: z
    .array(z.object({ phone: z.string().optional(), wa_id: ZIdText.optional(), type: z.string().optional() }))
    .optional(),
  emails: z.array(z.object({ email: z.string().optional(), type: z.string().optional() })).optional(),
  urls: z.array(z.object({ url: z.string().optional(), type: z.string().optional() })).optional(),
  org: z
    .object({
      company: z.string().optional(),
      department: z.string().optional(),
      title: z.string().optional(),
    })
    .optional(),
});
export const ZContactsContent = z.array(ZSharedContact);

const ZReplyChoice = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });

export const ZInteractiveContent = z.object({
  type: z.string(),
  button_reply: ZReplyChoice.optional(),
  list_reply: ZReplyChoice.optional(),
});

/** A quick-reply button of a template message. */
export const ZButtonContent = z.object({ payload: z.string().optional(), text: z.string() });

export const ZReactionContent = z.object({ message_id: z.string(), emoji: z.string().optional() });

export const ZSystemContent = z.object({
  type: z.string().optional(),
  body: z.string().optional(),
  wa_id: ZIdText.optional(),
});

export const ZStatus = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: ZUnixTimestamp,
  recipient_id: ZIdText.optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z
    .object({
      id: z.string().optional(),
      expiration_timestamp: ZUnixTimestamp.optional(),
      origin: z.object({ type: z.string().optional() }).optional(),
    })
    .optional(),
  pricing: z
    .object({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      category: z.string().optional(),
    })
    .optional(),
  errors: z.array(ZWebhookError).optional(),
});
