import { EmailSendError, type EmailSendErrorKind } from './email.errors.ts';

// Nodemailer errors that carry no SMTP reply but cannot succeed on a retry: bad envelope or message,
// missing or refused credentials, configuration. Everything else without a reply (ECONNECTION,
// ETIMEDOUT, ESOCKET, EDNS, ETLS, EPROTOCOL…) is the network or the server being away: transient.
const PERMANENT_WITHOUT_REPLY = new Set([
  'EENVELOPE',
  'EMESSAGE',
  'EAUTH',
  'ENOAUTH',
  'ECONFIG',
  'EMAXRECIPIENTS',
  'EREQUIRETLS',
  'EOTP',
  'EFILEACCESS',
  'EURLACCESS',
]);

const ENHANCED_STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;

/** The fields nodemailer sets on its errors (NodemailerError), read without trusting their types. */
interface SmtpErrorLike {
  message: string;
  code: string | null;
  responseCode: number | null;
  response: string | null;
  command: string | null;
  rejected: string[];
}

function read(error: unknown): SmtpErrorLike {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const responseCode = record.responseCode;
  return {
    message: error instanceof Error ? error.message : String(error),
    code: text(record.code),
    responseCode:
      typeof responseCode === 'number' && Number.isInteger(responseCode) && responseCode >= 200
        ? responseCode
        : null,
    response: text(record.response),
    command: text(record.command),
    rejected: Array.isArray(record.rejected)
      ? record.rejected.filter((item): item is string => typeof item === 'string')
      : [],
  };
}

/**
 * Permanent for a 5xx reply (RFC 5321: "permanent negative completion"; a hard bounce at SMTP time) and
 * for the errors in PERMANENT_WITHOUT_REPLY; transient for 4xx replies, connection failures and timeouts.
 * When every recipient is refused nodemailer reports a 4xx reply if any recipient was only deferred, so
 * "all refused" is permanent only when each refusal was.
 */
export function classifySmtpKind(responseCode: number | null, errorCode: string | null): EmailSendErrorKind {
  if (responseCode !== null) return responseCode >= 500 && responseCode < 600 ? 'permanent' : 'transient';
  return errorCode !== null && PERMANENT_WITHOUT_REPLY.has(errorCode) ? 'permanent' : 'transient';
}

/** Any error thrown while sending, as an EmailSendError keeping the SMTP code and reply. */
export function toEmailSendError(error: unknown): EmailSendError {
  if (error instanceof EmailSendError) return error;
  const fields = read(error);
  const kind = classifySmtpKind(fields.responseCode, fields.code);
  return new EmailSendError(
    fields.message,
    {
      kind,
      smtpCode: fields.responseCode,
      smtpResponse: fields.response,
      enhancedStatus: fields.response === null ? null : (ENHANCED_STATUS.exec(fields.response)?.[1] ?? null),
      errorCode: fields.code,
      command: fields.command,
      rejected: fields.rejected,
    },
    { cause: error },
  );
}
