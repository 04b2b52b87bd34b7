import { describe, expect, it } from 'vitest';
import { InboundEmailError } from './email.errors.ts';
import {
  AUTO_REPLY,
  COMPLAINT,
  DELIVERED_NOTIFICATION,
  EN_REPLY,
  FR_REPLY,
  HARD_BOUNCE,
  HTML_ONLY_REPLY,
  ORIGINAL_MESSAGE_REPLY,
  OUTLOOK_FR_REPLY,
  rawEmail,
  SOFT_BOUNCE,
} from './inbound-email.fixtures.ts';
import { MAX_INBOUND_EMAIL_BYTES, parseInboundEmail } from './inbound-email.parser.ts';

async function parseError(raw: string | Buffer): Promise<InboundEmailError> {
  try {
    await parseInboundEmail(raw);
  } catch (error) {
    if (error instanceof InboundEmailError) return error;
    throw error;
  }
  throw new Error('expected the email to be refused');
}

describe('parseInboundEmail: replies', () => {
  it('reads a French Gmail reply: headers, decoded text, and only the new part as replyText', async () => {
    const email = await parseInboundEmail(FR_REPLY);
    expect(email).toMatchObject({
      messageId: '<CAF=reply-fr-1@mail.gmail.com>',
      inReplyTo: '<msg-2@mail.chaud.test>',
      references: ['<msg-1@mail.chaud.test>', '<msg-2@mail.chaud.test>'],
      from: { address: 'jean.dupont@example.fr', name: 'Jean Dupont' },
      to: ['ventes@chaud.test', 'associe@example.fr'],
      subject: 'Re: Votre demande de devis',
      isAutoReply: false,
      bounce: null,
      complaint: null,
    });
    expect(email.date?.toISOString()).toBe('2025-03-03T10:42:05.000Z');
    expect(email.text).toContain('Quand êtes-vous disponible pour un appel ?');
    expect(email.replyText).toBe(
      'Bonjour,\n\nOui, jeudi après-midi me convient. Notre budget est d’environ 5 000 €.',
    );
  });

  it('keeps answers written between English quotes and stops at the "-- " signature', async () => {
    const email = await parseInboundEmail(EN_REPLY);
    expect(email.from).toEqual({ address: 'alice@example.com', name: 'Alice Martin' });
    expect(email.replyText).toBe('Thursday afternoon works for me.\n\nAround $5k.');
    expect(email.text).toContain('Head of Sales');
    expect(email.date?.toISOString()).toBe('2025-03-03T15:15:00.000Z');
  });

  it('cuts an Outlook "De : / Envoyé :" block and a "-----Original Message-----" history', async () => {
    const outlook = await parseInboundEmail(OUTLOOK_FR_REPLY);
    expect(outlook.replyText).toBe('Bonjour,\nJe suis la décisionnaire, nous voulons démarrer en avril.');
    expect(outlook.from).toEqual({ address: 'marie.durand@entreprise.fr', name: 'Durand, Marie' });
    expect(outlook.references).toEqual([]);
    const original = await parseInboundEmail(ORIGINAL_MESSAGE_REPLY);
    expect(original.replyText).toBe('Next week is fine.');
    expect(original.inReplyTo).toBeNull();
    expect(original.date).toBeNull();
  });

  it('takes the text from the HTML part when there is no text part, and ignores an unreadable Date', async () => {
    const email = await parseInboundEmail(Buffer.from(HTML_ONLY_REPLY));
    expect(email.text).toContain('Oui, jeudi me va.');
    expect(email.text).toContain('Quand êtes-vous disponible ?');
    expect(email.replyText).toBe('Oui, jeudi me va.\nBudget 5000 €');
    expect(email.date).toBeNull();
  });

  it('gives a message without Message-ID a stable id computed from its bytes', async () => {
    const raw = rawEmail(['From: a@example.com', 'Subject: hi'], ['hello']);
    const first = await parseInboundEmail(raw);
    const again = await parseInboundEmail(raw);
    const other = await parseInboundEmail(raw.replace('hello', 'bye'));
    expect(first.messageId).toMatch(/^<[0-9a-f]{32}@missing-message-id\.invalid>$/);
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    expect(first.to).toEqual([]);
  });
});

describe('parseInboundEmail: bounces and complaints', () => {
  it('reads a hard bounce: recipient, 5.x.x status, unfolded diagnostic and the bounced Message-ID', async () => {
    const email = await parseInboundEmail(HARD_BOUNCE);
    expect(email.bounce).toEqual({
      kind: 'hard',
      recipient: 'ghost@example.org',
      status: '5.1.1',
      diagnostic:
        '550 5.1.1 <ghost@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
      originalMessageId: '<msg-7@mail.chaud.test>',
    });
    expect(email.complaint).toBeNull();
    // The report fields are read from their own part, not mixed into the text.
    expect(email.text).not.toContain('Final-Recipient');
  });

  it('reads a soft bounce (4.x.x, delayed)', async () => {
    const email = await parseInboundEmail(SOFT_BOUNCE);
    expect(email.bounce).toMatchObject({
      kind: 'soft',
      recipient: 'full@example.org',
      status: '4.2.2',
      diagnostic: '452 4.2.2 Mailbox full',
    });
  });

  it('does not report a "delivered" notification as a bounce', async () => {
    expect((await parseInboundEmail(DELIVERED_NOTIFICATION)).bounce).toBeNull();
  });

  it('reads an ARF complaint: feedback type, complaining address, original Message-ID', async () => {
    const email = await parseInboundEmail(COMPLAINT);
    expect(email.complaint).toEqual({
      recipient: 'complainer@example.net',
      feedbackType: 'abuse',
      originalMessageId: '<msg-9@mail.chaud.test>',
    });
    expect(email.bounce).toBeNull();
    // The complained-about email is not taken for the text of the report.
    expect(email.text).not.toContain('avez-vous un projet');
  });

  it('falls back to the returned original To when the provider redacted Original-Rcpt-To', async () => {
    const redacted = COMPLAINT.replace('Original-Rcpt-To: <Complainer@Example.net>\r\n', '');
    expect((await parseInboundEmail(redacted)).complaint?.recipient).toBe('complainer@example.net');
  });
});

describe('parseInboundEmail: auto-replies', () => {
  const message = (headers: string[], subject = 'Re: Votre demande') =>
    rawEmail(['From: a@example.com', `Subject: ${subject}`, ...headers], ['Texte']);

  it('flags an Outlook out-of-office', async () => {
    expect((await parseInboundEmail(AUTO_REPLY)).isAutoReply).toBe(true);
  });

  it.each([
    [['Auto-Submitted: auto-generated'], 'Re: Votre demande'],
    [['X-Autoreply: yes'], 'Re: Votre demande'],
    [['X-Autorespond: on vacation'], 'Re: Votre demande'],
    [['Precedence: bulk'], 'Re: Votre demande'],
    [['Precedence: auto_reply'], 'Re: Votre demande'],
    [[], 'Out of Office: Re: Your request'],
    [[], 'Absence du bureau'],
    [[], 'Automatic reply: Your request'],
  ])('flags %j with subject %j', async (headers, subject) => {
    expect((await parseInboundEmail(message(headers, subject))).isAutoReply).toBe(true);
  });

  it.each([
    [['Auto-Submitted: no'], 'Re: Votre demande'],
    [['Precedence: list'], 'Re: Votre demande'],
    [['X-Auto-Response-Suppress: All'], 'Re: Votre demande'],
    [[], 'Re: Gestion des absences'],
  ])('does not flag %j with subject %j', async (headers, subject) => {
    expect((await parseInboundEmail(message(headers, subject))).isAutoReply).toBe(false);
  });
});

describe('parseInboundEmail: refused input', () => {
  it.each([
    ['an empty string', ''],
    ['an empty Buffer', Buffer.alloc(0)],
    ['text without any header', 'hello world, this is not an email'],
    ['a body starting with a blank line', '\r\nSubject: too late'],
    ['binary noise', Buffer.from([0, 1, 2, 255, 254, 10, 13, 58])],
  ])('refuses %s with kind invalid_email', async (_label, raw) => {
    const error = await parseError(raw);
    expect(error.kind).toBe('invalid_email');
  });

  it(`refuses a message over ${MAX_INBOUND_EMAIL_BYTES} bytes before parsing it`, async () => {
    const header = 'Subject: big\r\n\r\n';
    const raw = Buffer.concat([Buffer.from(header), Buffer.alloc(MAX_INBOUND_EMAIL_BYTES, 'a')]);
    const error = await parseError(raw);
    expect(error.kind).toBe('invalid_email');
    expect(error.message).toContain('limit');
  });
});
