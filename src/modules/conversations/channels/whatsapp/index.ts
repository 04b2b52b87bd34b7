// Public surface of the WhatsApp Cloud API channel driver (no tables, no routes yet).

/** Maps a Click-to-WhatsApp referral onto lead source + UTM (see README for the mapping). */
export { attributionFromReferral } from './ctwa-referral.rules.ts';
/** 24-hour customer-service window and the free-form / template / cannot-send decision. */
export {
  type ConfiguredTemplate,
  CUSTOMER_SERVICE_WINDOW_MS,
  chooseOutboundForm,
  DEFAULT_WINDOW_SAFETY_MARGIN_MS,
  isWindowOpen,
  type OutboundForm,
  type OutboundFormInput,
  type PurposeTemplates,
  type TemplatePurpose,
  windowClosesAt,
} from './customer-service-window.rules.ts';
/** Per-recipient spacing, per-number throughput and retry backoff. */
export {
  DEFAULT_THROUGHPUT_PER_SECOND,
  nextSendAt,
  type PacingInput,
  PER_RECIPIENT_GAP_MS,
  retryDelayFor,
} from './send-pacing.rules.ts';
/** Typed send error and the driver's AppError factories. */
export { WhatsAppSendError, type WhatsAppSendErrorKind, whatsappErrors } from './whatsapp.errors.ts';
/** Graph API client for one business phone number. */
export {
  DEFAULT_GRAPH_API_VERSION,
  type SendResult,
  WhatsAppGraphClient,
  type WhatsAppGraphClientOptions,
} from './whatsapp-graph.client.ts';
/** Shapes of a parsed webhook: inbound messages, statuses, contacts, marketing preferences. */
export type {
  AdReferral,
  DeliveryStatus,
  InboundContent,
  InboundMedia,
  InboundMessage,
  InboundMessageKind,
  LeadAttribution,
  MarketingPreference,
  MediaType,
  ParsedWebhook,
  SharedContact,
  SkippedItem,
  StatusUpdate,
  WebhookEntry,
  WhatsAppContact,
  WhatsAppErrorDetail,
} from './whatsapp-inbound.types.ts';
/** Request bodies of POST /{version}/{phone-number-id}/messages, checked against Meta's limits. */
export {
  buildButtonsMessage,
  buildListMessage,
  buildReadReceipt,
  buildTemplateMessage,
  buildTextMessage,
  type InteractiveFrame,
  LIMITS as WHATSAPP_LIMITS,
  type ListRow,
  type ListSection,
  type MessageRequest,
  type ReplyButton,
  type TemplateComponent,
  type TemplateInput,
} from './whatsapp-outbound.rules.ts';
/** Meta's error codes, classified. */
export {
  classifySendError,
  describeErrorCode,
  isMarketingOptOut,
  WHATSAPP_ERROR_CODES,
} from './whatsapp-send-errors.rules.ts';
/** X-Hub-Signature-256 check over the raw body. */
export { isValidWebhookSignature, SIGNATURE_HEADER, signWebhookBody } from './whatsapp-signature.ts';
/** Monotonic merge of delivery statuses. */
export {
  compareStatus,
  type DeliveryState,
  type MergedStatus,
  mergeStatus,
} from './whatsapp-status.rules.ts';
/** GET hub.challenge handshake decision. */
export {
  decideVerification,
  type VerificationDecision,
  type VerificationRefusal,
} from './whatsapp-verification.ts';
/** Webhook body → entries routed by phone_number_id. */
export { parseWebhook } from './whatsapp-webhook.parser.ts';
