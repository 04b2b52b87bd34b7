import { createHash } from 'node:crypto';
import {
  type AddressObject,
  type EmailAddress,
  type HeaderValue,
  type ParsedMail,
  type StructuredHeader,
  simpleParser,
} from 'mailparser';
import {
  bounceFromDeliveryStatus,
  complaintFromFeedbackReport,
  type EmailBounce,
  type EmailComplaint,
  isAutoReply,
} from './delivery-report.rules.ts';
import { InboundEmailError } from './email.errors.ts';
import { normalizeMessageId, parseMessageIdList } from './email-threading.rules.ts';
import { extractReplyText } from './reply-text.rules.ts';

/** Larger raw messages are refused: a lead's reply is kilobytes; 10 MB leaves room for a few attachments. */
export const MAX_INBOUND_EMAIL_BYTES = 10 * 1024 * 1024;

/** An inbound email reduced to what the conversations module uses. */
export interface InboundEmail {
  /**
   * The Message-ID, angle brackets included. A message without one gets `<sha256-prefix@missing-message-id.invalid>`
   * computed from its bytes, so the same message delivered twice still has one id.
   */
  messageId: string;
  inReplyTo: string | null;
  /** References, oldest first, as sent. */
  references: string[];
  from: { address: string; name: string | null } | null;
  /** Addresses of the To header, lower-cased. */
  to: string[];
  subject: string;
  /** The whole plain text, converted from HTML when the message has no text part. */
  text: string;
  /** Only what the sender wrote this time: quoted history, reply headers and signature removed. */
  replyText: string;
  date: Date | null;
  isAutoReply: boolean;
  bounce: EmailBounce | null;
  complaint: EmailComplaint | null;
}

// A header field name then a colon (RFC 5322 §2.2): how every email starts.
const FIRST_HEADER = /^[!-9;-~]+[ \t]*:/;
const RETURNED_ORIGINAL = new Set([
  'message/rfc822',
  'text/rfc822-headers',
  'message/global',
  'message/global-headers',
]);
const DELIVERY_STATUS = new Set(['message/delivery-status', 'message/global-delivery-status']);

function byteLength(raw: string | Buffer): number {
  return typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
}

/** The input starts with a header line, after an optional BOM and mbox "From " separator line. */
function startsWithHeader(raw: string | Buffer): boolean {
  const head = (typeof raw === 'string' ? raw.slice(0, 2048) : raw.subarray(0, 2048).toString('latin1'))
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .replace(/^From [^\n]*\n/, '');
  return FIRST_HEADER.test(head);
}

function headerValues(parsed: ParsedMail, name: string): string[] {
  const value = parsed.headers.get(name);
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string');
}

/** The Date header read here: mailparser substitutes the current time for a date it cannot read. */
function headerDate(parsed: ParsedMail): Date | null {
  const line = parsed.headerLines.find((header) => header.key === 'date')?.line;
  if (line === undefined) return null;
  const time = Date.parse(
    line
      .slice(line.indexOf(':') + 1)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return Number.isNaN(time) ? null : new Date(time);
}

function mailboxes(entries: readonly EmailAddress[]): EmailAddress[] {
  return entries.flatMap((entry) => (entry.group ? mailboxes(entry.group) : [entry]));
}

function addressList(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((object) => mailboxes(object.value));
}

function sender(parsed: ParsedMail): InboundEmail['from'] {
  const first = addressList(parsed.from).find((entry) => entry.address);
  if (!first?.address) return null;
  return { address: first.address.toLowerCase(), name: first.name.trim() === '' ? null : first.name.trim() };
}

function attachmentText(parsed: ParsedMail, types: ReadonlySet<string>): string | null {
  const part = parsed.attachments.find((attachment) => types.has(attachment.contentType.toLowerCase()));
  return part ? part.content.toString('utf8') : null;
}

function isStructured(value: HeaderValue | undefined): value is StructuredHeader {
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  // A list header entry is an object too; only a structured header has a string value and params.
  return 'params' in value && typeof value.value === 'string';
}

/** multipart/report's report-type: "delivery-status" (bounce) or "feedback-report" (complaint). */
function reportType(parsed: ParsedMail): string | null {
  const contentType = parsed.headers.get('content-type');
  if (!isStructured(contentType) || contentType.value.toLowerCase() !== 'multipart/report') return null;
  return contentType.params['report-type']?.toLowerCase() ?? null;
}

function reports(parsed: ParsedMail): Pick<InboundEmail, 'bounce' | 'complaint'> {
  const type = reportType(parsed);
  const returned = attachmentText(parsed, RETURNED_ORIGINAL);
  if (type === 'delivery-status' || type === 'global-delivery-status') {
    const status = attachmentText(parsed, DELIVERY_STATUS);
    return { bounce: status === null ? null : bounceFromDeliveryStatus(status, returned), complaint: null };
  }
  if (type === 'feedback-report') {
    const feedback = attachmentText(parsed, new Set(['message/feedback-report']));
    return {
      bounce: null,
      complaint: feedback === null ? null : complaintFromFeedbackReport(feedback, returned),
    };
  }
  return { bounce: null, complaint: null };
}

async function parseMime(raw: string | Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(raw, {
      // Report parts stay attachments so that they can be read field by field, not mixed into the text.
      keepDeliveryStatus: true,
      ignoreEmbedded: true,
      keepCidLinks: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      checksumAlgo: false,
    });
  } catch (error) {
    throw new InboundEmailError('the MIME structure cannot be read', { cause: error });
  }
}

/**
 * Parses one raw inbound email (RFC 5322, as received by the MTA or an inbound webhook). Throws
 * InboundEmailError (`kind: 'invalid_email'`) for an empty input, one with no header, or one over
 * MAX_INBOUND_EMAIL_BYTES.
 */
export async function parseInboundEmail(raw: string | Buffer): Promise<InboundEmail> {
  if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) throw new InboundEmailError('not a string or Buffer');
  const size = byteLength(raw);
  if (size === 0) throw new InboundEmailError('empty email');
  if (size > MAX_INBOUND_EMAIL_BYTES) {
    throw new InboundEmailError(`email is ${size} bytes, over the ${MAX_INBOUND_EMAIL_BYTES}-byte limit`);
  }
  if (!startsWithHeader(raw)) throw new InboundEmailError('email has no header');
  const parsed = await parseMime(raw);
  if (parsed.headerLines.length === 0) throw new InboundEmailError('email has no header');

  const subject = parsed.subject ?? '';
  const text = (parsed.text ?? '').replace(/\r\n?/g, '\n');
  const references = Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  return {
    messageId:
      normalizeMessageId(parsed.messageId) ??
      `<${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@missing-message-id.invalid>`,
    inReplyTo: parseMessageIdList(parsed.inReplyTo)[0] ?? null,
    references: references.flatMap(parseMessageIdList),
    from: sender(parsed),
    to: [
      ...new Set(
        addressList(parsed.to).flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : [])),
      ),
    ],
    subject,
    text,
    replyText: extractReplyText(text),
    date: headerDate(parsed),
    isAutoReply: isAutoReply((name) => headerValues(parsed, name), subject),
    ...reports(parsed),
  };
}
