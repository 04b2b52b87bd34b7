/** Conversations with leads: channels (WhatsApp, e-mail, sandbox), inbox and takeover, the qualification agent. */

export {
  type AgentDecision,
  type AgentReply,
  type AgentSettings,
  composeFirstContact,
  composeFollowUp,
  composeReply,
  initialAgentState,
  interpretTurn,
  type KnownBant,
  parseAgentState,
  recordFirstContact,
  type TurnInterpretation,
} from './agent/index.ts';
export { defaultSlotProvider, proposeDefaultSlots, type SlotProvider } from './booking-slots.rules.ts';
export { type Channel, contentText, type OutboundContent } from './channel.ts';
export { type ConsentSnapshot, decideChannelPermission } from './channel-consent.rules.ts';
export { channelSettingsRoutes } from './channel-settings.routes.ts';
export {
  applyWhatsAppEnvironment,
  findWhatsAppAccount,
  findWhatsAppAccountByPhoneNumberId,
  findWhatsAppAccountCached,
  loadAgentSettings,
  loadAgentSettingsCached,
  type WorkspaceAgentSettings,
} from './channel-settings.service.ts';
export { EmailChannel } from './channels/email/email.channel.ts';
export {
  InboundEmailError,
  parseInboundEmail,
  threadCandidates,
} from './channels/email/index.ts';
export {
  type InboundMessage,
  isValidWebhookSignature,
  isWindowOpen,
  parseWebhook,
  type WebhookEntry,
  type WhatsAppContact,
} from './channels/whatsapp/index.ts';
export { createConversationChannels, linkSigningSecret } from './channels.factory.ts';
export { CONVERSATION_EVENTS_CHANNEL, type ConversationChange } from './conversation-events.ts';
export {
  type ConversationHistoryInput,
  deleteConversationsForLeads,
  recordConversationHistory,
} from './conversation-history.service.ts';
export { conversationErrors } from './conversations.errors.ts';
export {
  type ConversationRow,
  conversationEffectPrefix,
  findConversation,
  findLeadConversation,
  findMessage,
  listConversationMessages,
  type MessageRow,
  openConversation,
  queueOutboundMessage,
  recordInboundMessage,
  SEND_MESSAGE_EFFECT,
  updateConversation,
} from './conversations.service.ts';
export { type ChannelKind, conversations, messages } from './conversations.tables.ts';
export { applyDeliveryStatus } from './delivery-status.service.ts';
export {
  findPendingDelivery,
  markDeliveryProcessed,
  storeInboundDeliveries,
  storeInboundDelivery,
} from './inbound-deliveries.service.ts';
export { inboxRoutes } from './inbox.routes.ts';
export { toConversationDto, toMessageDto } from './inbox.service.ts';
export {
  createLlmClient,
  extractSlotsWithLlm,
  type LlmClient,
  mergeSlots,
  phraseReplies,
} from './llm/index.ts';
export {
  dispatchOutboundMessage,
  FALLBACK_STATUS_CODES,
  queueEmailFallback,
} from './message-dispatch.service.ts';
export {
  type MessageUnderstanding,
  startNluThread,
  stopNluThread,
  understandLeadMessage,
  understandMessage,
  warmUpNlu,
} from './nlu/index.ts';
export { sendOwnerNotice } from './owner-notice.service.ts';
export { cancelQueuedMessages } from './queued-messages.service.ts';
export { webhooksRoutes } from './webhooks.routes.ts';
