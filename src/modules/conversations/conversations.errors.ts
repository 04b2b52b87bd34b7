import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';

export const conversationErrors = {
  notFound: (id: string) => new NotFoundError('CONVERSATION_NOT_FOUND', `Conversation ${id} does not exist.`),
  /** The lead withdrew consent on this channel (STOP, unsubscribe): nothing more may be sent. */
  optedOut: (channel: string) =>
    new ConflictError(
      'CONVERSATION_OPTED_OUT',
      `The lead opted out of ${channel}: no message can be sent on this channel.`,
    ),
  closedWindow: () =>
    new ConflictError(
      'WHATSAPP_WINDOW_CLOSED',
      'The 24-hour customer-service window is closed: only an approved template may be sent.',
    ),
  notTakenOver: (id: string) =>
    new ConflictError(
      'CONVERSATION_NOT_TAKEN_OVER',
      `Conversation ${id} is answered by the agent: take it over before writing to the lead.`,
    ),
  unknownUser: (userId: string) =>
    new ValidationError(
      `User ${userId} is not a member of this workspace.`,
      { field: 'userId' },
      'USER_NOT_FOUND',
    ),
  notSandbox: (leadId: string) =>
    new ConflictError(
      'SANDBOX_UNAVAILABLE',
      `Lead ${leadId} talks over a real WhatsApp number: the sandbox only plays leads of workspaces without one.`,
    ),
  whatsappNotConnected: () =>
    new NotFoundError(
      'WHATSAPP_NOT_CONNECTED',
      'No WhatsApp Business number is connected to this workspace.',
    ),
  phoneNumberTaken: () =>
    new ConflictError(
      'WHATSAPP_NUMBER_TAKEN',
      'This phone number id is already connected to another workspace.',
    ),
  webhookSignature: () =>
    new AppError('WEBHOOK_SIGNATURE_INVALID', 'X-Hub-Signature-256 does not match the body.', 401),
  unknownPhoneNumber: () =>
    new AppError(
      'WHATSAPP_NUMBER_UNKNOWN',
      'No workspace is connected to the phone_number_id of this webhook.',
      401,
    ),
};
