// Message-ID threading (RFC 5322 §3.6.4) and reply subjects. Pure functions.

const ID_IN_BRACKETS = /<([^<>\s]+)>/g;
// What may stand on either side of the '@' of an id we build: no brackets, no whitespace, no second '@'.
const ID_PART = /^[^\s<>@"]+$/;

/** `<localId@domain>`: the Message-ID Chaud gives an outbound email, so a reply's In-Reply-To leads back to it. */
export function buildMessageId(localId: string, domain: string): string {
  if (!ID_PART.test(localId))
    throw new RangeError(`invalid Message-ID local part: ${JSON.stringify(localId)}`);
  if (!ID_PART.test(domain)) throw new RangeError(`invalid Message-ID domain: ${JSON.stringify(domain)}`);
  return `<${localId}@${domain}>`;
}

/**
 * One Message-ID in its stored form: trimmed, inside angle brackets. Null when nothing is left.
 * Case is kept: Message-IDs are compared as written.
 */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const bare = value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return bare === '' ? null : `<${bare}>`;
}

/**
 * Every Message-ID in a header value such as References, in order. Values without brackets (seen from a
 * few clients) are split on whitespace.
 */
export function parseMessageIdList(value: string | null | undefined): string[] {
  if (typeof value !== 'string') return [];
  const bracketed = [...value.matchAll(ID_IN_BRACKETS)].map((match) => `<${match[1]}>`);
  if (bracketed.length > 0) return bracketed;
  return value
    .split(/[\s,]+/)
    .map(normalizeMessageId)
    .filter((id): id is string => id !== null);
}

/**
 * Message-IDs to look up to find the conversation an inbound email belongs to, most recent first:
 * In-Reply-To (the message answered), then References from last (parent) to first (thread root).
 */
export function threadCandidates(inbound: {
  inReplyTo: string | null;
  references: readonly string[];
}): string[] {
  const ordered = [
    ...parseMessageIdList(inbound.inReplyTo),
    ...inbound.references.flatMap(parseMessageIdList).reverse(),
  ];
  return [...new Set(ordered)];
}

/**
 * The local part of a Message-ID built by `buildMessageId` for `domain` (compared case-insensitively,
 * as domains are), else null: an id from another domain was not made by Chaud.
 */
export function extractLocalId(messageId: string, domain: string): string | null {
  const normalized = normalizeMessageId(messageId);
  if (normalized === null) return null;
  const bare = normalized.slice(1, -1);
  const at = bare.lastIndexOf('@');
  if (at <= 0) return null;
  if (bare.slice(at + 1).toLowerCase() !== domain.trim().toLowerCase()) return null;
  return bare.slice(0, at);
}

// Reply and forward prefixes in French, English and a few other clients' languages ("RE :", "TR:", "Fwd:",
// "AW:"), also numbered ("Re[2]:").
const REPLY_PREFIX = /^\s*(?:re|tr|fw|fwd|aw|sv|wg)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*/i;
const EMPTY_SUBJECT: Record<'fr' | 'en', string> = { fr: 'Votre message', en: 'Your message' };

/**
 * "Re: <subject>" with the reply and forward prefixes that clients stack ("Re: RE : TR: …") removed first,
 * so a long exchange keeps one "Re:". The language only names an empty subject.
 */
export function replySubject(subject: string, language: 'fr' | 'en'): string {
  let rest = subject.replace(/\s+/g, ' ').trim();
  for (let match = REPLY_PREFIX.exec(rest); match; match = REPLY_PREFIX.exec(rest)) {
    rest = rest.slice(match[0].length);
  }
  return `Re: ${rest.trim() === '' ? EMPTY_SUBJECT[language] : rest.trim()}`;
}
