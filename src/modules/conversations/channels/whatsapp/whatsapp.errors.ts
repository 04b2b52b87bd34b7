import { AppError, ValidationError } from '../../../../platform/errors.ts';

/** What the sender should do about a failed send; see whatsapp-send-errors.rules.ts for the code table. */
export type WhatsAppSendErrorKind =
  | 'rate_limited'
  | 'pair_rate_limited'
  | 're_engagement_required'
  | 'undeliverable'
  | 'invalid_recipient'
  | 'auth'
  | 'template'
  | 'temporary'
  | 'permanent';

export interface WhatsAppSendErrorFields {
  /** Meta's numeric error code (`error.code`); 0 when the request never got a Graph answer. */
  code: number;
  subcode?: number;
  kind: WhatsAppSendErrorKind;
  /** True when sending the same message again cannot succeed without a change (template, consent, config). */
  permanent: boolean;
  /** From a Retry-After header, or Meta's documented pacing for the pair rate limit. */
  retryAfterMs?: number;
  httpStatus?: number;
  /** `error.error_data.details`: Meta recommends branching on code + details, never on the title. */
  details?: string;
  fbtraceId?: string;
}

/** A send the Graph API refused (or that never reached it), classified for retry and fallback decisions. */
export class WhatsAppSendError extends Error {
  readonly code: number;
  readonly subcode: number | undefined;
  readonly kind: WhatsAppSendErrorKind;
  readonly permanent: boolean;
  readonly retryAfterMs: number | undefined;
  readonly httpStatus: number | undefined;
  readonly details: string | undefined;
  readonly fbtraceId: string | undefined;
  constructor(message: string, fields: WhatsAppSendErrorFields, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WhatsAppSendError';
    this.code = fields.code;
    this.subcode = fields.subcode;
    this.kind = fields.kind;
    this.permanent = fields.permanent;
    this.retryAfterMs = fields.retryAfterMs;
    this.httpStatus = fields.httpStatus;
    this.details = fields.details;
    this.fbtraceId = fields.fbtraceId;
  }
}

export const whatsappErrors = {
  /** A message Chaud built breaks one of Meta's documented limits; caught before any HTTP call. */
  invalidMessage: (message: string, field: string) =>
    new ValidationError(message, { field }, 'WHATSAPP_MESSAGE_INVALID'),
  /** The webhook body is not a WhatsApp Business Account envelope at all. */
  malformedWebhook: (message: string, details?: unknown) =>
    new AppError('WHATSAPP_WEBHOOK_MALFORMED', message, 400, details),
};
