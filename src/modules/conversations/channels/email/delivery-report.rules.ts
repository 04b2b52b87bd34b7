// Bounces (RFC 3464 delivery status notifications), complaints (RFC 5965 ARF) and auto-replies
// (RFC 3834 and the headers vacation responders use). Pure functions over header text.

/** A delivery failure report: `hard` (5.x.x, the address does not work) or `soft` (4.x.x, retry later). */
export interface EmailBounce {
  kind: 'hard' | 'soft';
  /** The address that failed, lower-cased. */
  recipient: string | null;
  /** RFC 3463 status, e.g. "5.1.1". */
  status: string | null;
  /** The remote server's words, e.g. "550 5.1.1 User unknown". */
  diagnostic: string | null;
  /** Message-ID of the email that bounced, from the returned headers: links the bounce to what Chaud sent. */
  originalMessageId: string | null;
}

/** A recipient marked an email as spam and their provider reported it (feedback loop). */
export interface EmailComplaint {
  /** The complaining address, lower-cased; often redacted by the provider, then taken from the returned headers. */
  recipient: string | null;
  /** "abuse", "fraud", "opt-out"…, lower-cased. */
  feedbackType: string | null;
  originalMessageId: string | null;
}

/** Field groups of a report body (headers, blank line, headers…), folded lines joined, names lower-cased. */
export function parseFieldGroups(content: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastName: string | null = null;
  for (const line of content.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) groups.push(current);
      current = new Map();
      lastName = null;
    } else if (/^[ \t]/.test(line) && lastName !== null) {
      current.set(lastName, `${current.get(lastName)} ${line.trim()}`.trim());
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      lastName = line.slice(0, colon).trim().toLowerCase();
      // The first occurrence wins, as for message headers.
      if (!current.has(lastName)) current.set(lastName, line.slice(colon + 1).trim());
    }
  }
  if (current.size > 0) groups.push(current);
  return groups;
}

/** "rfc822; Alice@Example.org" or "<alice@example.org>" → "alice@example.org". */
function addressOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const typed = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const match = /<?([^\s<>;,]+@[^\s<>;,]+)>?/.exec(typed);
  return match ? match[1]!.toLowerCase() : null;
}

/** What the returned original (message/rfc822 or text/rfc822-headers part) tells: its Message-ID and To. */
export function readReturnedHeaders(content: string | null): { messageId: string | null; to: string | null } {
  const headers = content === null ? undefined : parseFieldGroups(content)[0];
  const messageId = headers?.get('message-id');
  const id = messageId === undefined ? null : (/<[^<>\s]+>/.exec(messageId)?.[0] ?? null);
  return { messageId: id, to: addressOf(headers?.get('to')) };
}

const STATUS = /\b([245])\.\d{1,3}\.\d{1,3}\b/;

/**
 * The first failed or delayed recipient of a message/delivery-status body, or null when the report only
 * says delivered/relayed/expanded (a success notification, not a bounce).
 */
export function bounceFromDeliveryStatus(
  content: string,
  returnedHeaders: string | null,
): EmailBounce | null {
  const [, ...recipients] = parseFieldGroups(content);
  for (const fields of recipients) {
    const action = fields.get('action')?.toLowerCase().split(/\s/)[0] ?? null;
    const statusMatch = STATUS.exec(fields.get('status') ?? '');
    const statusClass = statusMatch?.[1] ?? null;
    const failed = action === 'failed' || (action === null && statusClass === '5');
    const delayed = action === 'delayed' || (action === null && statusClass === '4');
    if (!failed && !delayed) continue;
    // The status class decides; the action only when the status says neither 4 nor 5.
    const kind = statusClass === '5' || (statusClass !== '4' && failed) ? 'hard' : 'soft';
    const returned = readReturnedHeaders(returnedHeaders);
    const diagnostic = fields.get('diagnostic-code')?.replace(/^[\w-]+\s*;\s*/, '') ?? null;
    return {
      kind,
      recipient:
        addressOf(fields.get('final-recipient')) ??
        addressOf(fields.get('original-recipient')) ??
        returned.to,
      status: statusMatch?.[0] ?? null,
      diagnostic: diagnostic === '' ? null : diagnostic,
      originalMessageId: returned.messageId,
    };
  }
  return null;
}

/** An ARF message/feedback-report body as a complaint. */
export function complaintFromFeedbackReport(content: string, returnedHeaders: string | null): EmailComplaint {
  const fields = new Map(parseFieldGroups(content).flatMap((group) => [...group]));
  const returned = readReturnedHeaders(returnedHeaders);
  return {
    recipient:
      addressOf(fields.get('original-rcpt-to')) ?? addressOf(fields.get('removal-recipient')) ?? returned.to,
    feedbackType: fields.get('feedback-type')?.toLowerCase() ?? null,
    originalMessageId: returned.messageId,
  };
}

const AUTO_REPLY_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk']);
// "Absence"/"Absent" only as the first word: elsewhere it may be the lead's own topic.
const AUTO_REPLY_SUBJECT =
  /^\s*(?:absence|absente?)\b|\b(?:out of (?:the )?office|automatic reply|auto[- ]?reply|réponse automatique)\b/i;
const NEGATIVE = /^(?:no|false|0)$/i;

/**
 * True for a machine-sent answer that must not be taken as the lead's reply nor answered: Auto-Submitted
 * other than "no" (RFC 3834), X-Autoreply, X-Autorespond, Precedence auto_reply/bulk/junk, or an
 * out-of-office subject. `header` returns every value of a header (lower-case name).
 */
export function isAutoReply(header: (name: string) => string[], subject: string): boolean {
  const first = (name: string) => header(name)[0]?.trim().toLowerCase();
  const autoSubmitted = first('auto-submitted')?.split(';')[0]?.trim();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && autoSubmitted !== 'no') return true;
  const autoreply = first('x-autoreply');
  if (autoreply !== undefined && !NEGATIVE.test(autoreply)) return true;
  if (header('x-autorespond').length > 0) return true;
  const precedence = first('precedence');
  if (precedence !== undefined && AUTO_REPLY_PRECEDENCE.has(precedence)) return true;
  return AUTO_REPLY_SUBJECT.test(subject);
}
