// Public surface of the email channel driver (SMTP out, raw MIME in; no tables, no routes yet).

/** Bounce, complaint and auto-reply shapes and rules (RFC 3464 DSN, RFC 5965 ARF, RFC 3834). */
export {
  bounceFromDeliveryStatus,
  complaintFromFeedbackReport,
  type EmailBounce,
  type EmailComplaint,
  isAutoReply,
} from './delivery-report.rules.ts';
/** Typed send and parse errors, and the driver's error factories. */
export {
  EmailSendError,
  type EmailSendErrorKind,
  emailErrors,
  INVALID_MESSAGE_CODE,
  InboundEmailError,
  type InboundEmailErrorKind,
} from './email.errors.ts';
/** SMTP sender with List-Unsubscribe one-click, threading headers and short timeouts. */
export {
  type EmailAddress,
  type EmailSendResult,
  type OutboundEmail,
  SmtpEmailSender,
  type SmtpEmailSenderOptions,
} from './email-sender.ts';
/** Message-ID building and matching, thread lookup order, reply subjects. */
export {
  buildMessageId,
  extractLocalId,
  normalizeMessageId,
  parseMessageIdList,
  replySubject,
  threadCandidates,
} from './email-threading.rules.ts';
/** Raw inbound email → sender, threading ids, new text, auto-reply / bounce / complaint. */
export { type InboundEmail, MAX_INBOUND_EMAIL_BYTES, parseInboundEmail } from './inbound-email.parser.ts';
/** The new part of a reply: quotes, reply headers and signature removed. */
export { extractReplyText } from './reply-text.rules.ts';
/** SMTP errors classified as permanent or transient. */
export { classifySmtpKind, toEmailSendError } from './smtp-send-errors.rules.ts';
/** Signed, URL-safe unsubscribe tokens (HMAC-SHA256). */
export {
  signUnsubscribeToken,
  type UnsubscribePayload,
  verifyUnsubscribeToken,
} from './unsubscribe-token.ts';
