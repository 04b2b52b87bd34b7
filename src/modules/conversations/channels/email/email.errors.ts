import { ValidationError } from '../../../../platform/errors.ts';

/** `permanent`: sending the same email again cannot succeed (5xx, every recipient refused); else `transient`. */
export type EmailSendErrorKind = 'permanent' | 'transient';

export interface EmailSendErrorFields {
  kind: EmailSendErrorKind;
  /** SMTP reply code (550, 451…), null when no server answered (refused connection, timeout). */
  smtpCode: number | null;
  /** The server's reply line(s), for the bounce record and the logs. */
  smtpResponse: string | null;
  /** RFC 3463 enhanced status from the reply (5.1.1…), when the server gave one. */
  enhancedStatus: string | null;
  /** Nodemailer's error code (ECONNECTION, ETIMEDOUT, EENVELOPE…). */
  errorCode: string | null;
  /** The SMTP command answered with the error (RCPT TO, DATA…). */
  command: string | null;
  /** Recipient addresses the server refused. */
  rejected: string[];
}

/** A send the SMTP server refused, or that never reached it, classified for the retry decision. */
export class EmailSendError extends Error {
  readonly kind: EmailSendErrorKind;
  /** Same as `kind === 'permanent'`: the property every channel's send errors carry. */
  readonly permanent: boolean;
  readonly smtpCode: number | null;
  readonly smtpResponse: string | null;
  readonly enhancedStatus: string | null;
  readonly errorCode: string | null;
  readonly command: string | null;
  readonly rejected: string[];
  constructor(message: string, fields: EmailSendErrorFields, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmailSendError';
    this.kind = fields.kind;
    this.permanent = fields.kind === 'permanent';
    this.smtpCode = fields.smtpCode;
    this.smtpResponse = fields.smtpResponse;
    this.enhancedStatus = fields.enhancedStatus;
    this.errorCode = fields.errorCode;
    this.command = fields.command;
    this.rejected = fields.rejected;
  }
}

/** Why an inbound email could not be read at all. */
export type InboundEmailErrorKind = 'invalid_email';

/** Raw input that is not an email (empty, no header, over the size limit, unparseable MIME). */
export class InboundEmailError extends Error {
  readonly kind: InboundEmailErrorKind;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InboundEmailError';
    this.kind = 'invalid_email';
  }
}

/** `errorCode` of an EmailSendError raised by the checks run before sending. */
export const INVALID_MESSAGE_CODE = 'EMAIL_MESSAGE_INVALID';

export const emailErrors = {
  /** The SMTP URL is not `smtp://` or `smtps://` with a host; the password is never echoed. */
  invalidSmtpUrl: (reason: string) =>
    new ValidationError(`Invalid SMTP URL: ${reason}`, undefined, 'EMAIL_SMTP_URL_INVALID'),
  /**
   * An outbound email Chaud built is unsafe or incomplete, caught before any SMTP command. Permanent: the
   * same message would fail again, and the outbox must not retry it.
   */
  invalidOutbound: (message: string, field: string) =>
    new EmailSendError(`${field}: ${message}`, {
      kind: 'permanent',
      smtpCode: null,
      smtpResponse: null,
      enhancedStatus: null,
      errorCode: INVALID_MESSAGE_CODE,
      command: null,
      rejected: [],
    }),
};
