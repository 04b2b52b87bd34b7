// Hand-written raw emails in the shapes Gmail, Outlook, Apple Mail, Postfix and ARF feedback loops send.

/** Joins header and body lines with CRLF, the line ending of email on the wire. */
export function rawEmail(headers: readonly string[], body: readonly string[]): string {
  return [...headers, '', ...body, ''].join('\r\n');
}

/** Gmail in French, quoted-printable, the attribution wrapped over two lines above the quoted history. */
export const FR_REPLY = rawEmail(
  [
    'Return-Path: <jean.dupont@example.fr>',
    'From: =?UTF-8?Q?Jean_Dupont?= <Jean.Dupont@Example.FR>',
    'To: "Chaud" <ventes@chaud.test>, Associé <associe@example.fr>',
    'Subject: Re: Votre demande de devis',
    'Date: Mon, 03 Mar 2025 11:42:05 +0100',
    'Message-ID: <CAF=reply-fr-1@mail.gmail.com>',
    'In-Reply-To: <msg-2@mail.chaud.test>',
    'References: <msg-1@mail.chaud.test>',
    ' <msg-2@mail.chaud.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
  ],
  [
    'Bonjour,',
    '',
    'Oui, jeudi apr=C3=A8s-midi me convient. Notre budget est d=E2=80=99environ 5 000 =E2=82=AC.',
    '',
    'Le lun. 3 mars 2025 =C3=A0 10:00, Chaud Ventes <ventes@chaud.test> a',
    '=C3=A9crit :',
    '',
    '> Bonjour Jean,',
    '> Quand =C3=AAtes-vous disponible pour un appel ?',
    '>',
    '> > Message plus ancien',
  ],
);

/** English, answers written between the quotes (bottom-posting), then a "-- " signature. */
export const EN_REPLY = rawEmail(
  [
    'From: Alice Martin <alice@example.com>',
    'To: sales@chaud.test',
    'Subject: RE: Re: Your quote request',
    'Date: Mon, 3 Mar 2025 10:15:00 -0500',
    'Message-ID: <reply-en-1@example.com>',
    'In-Reply-To: <msg-2@mail.chaud.test>',
    'References: <msg-1@mail.chaud.test> <msg-2@mail.chaud.test>',
    'Content-Type: text/plain; charset=us-ascii',
  ],
  [
    'On Mon, Mar 3, 2025 at 10:00 AM Chaud Sales <sales@chaud.test> wrote:',
    '> When would you be available for a call?',
    '',
    'Thursday afternoon works for me.',
    '',
    '> Also, what budget do you have in mind?',
    '',
    'Around $5k.',
    '',
    '-- ',
    'Alice Martin',
    'Head of Sales, Example Inc.',
  ],
);

/** Outlook in French: top-posted answer above an unquoted "De : / Envoyé :" block. */
export const OUTLOOK_FR_REPLY = rawEmail(
  [
    'From: "Durand, Marie" <marie.durand@entreprise.fr>',
    'To: ventes@chaud.test',
    'Subject: RE : Votre demande',
    'Date: Tue, 4 Mar 2025 09:00:00 +0100',
    'Message-ID: <AM0PR01MB1234@eurprd01.prod.outlook.com>',
    'In-Reply-To: <msg-3@mail.chaud.test>',
    'Content-Type: text/plain; charset=utf-8',
  ],
  [
    'Bonjour,',
    'Je suis la décisionnaire, nous voulons démarrer en avril.',
    '',
    '________________________________',
    'De : Chaud Ventes <ventes@chaud.test>',
    'Envoyé : lundi 3 mars 2025 10:00',
    'À : Durand, Marie <marie.durand@entreprise.fr>',
    'Objet : Votre demande',
    '',
    'Bonjour Marie, qui décide du projet ?',
  ],
);

/** Old Outlook in English: "-----Original Message-----" separator. */
export const ORIGINAL_MESSAGE_REPLY = rawEmail(
  [
    'From: Bob <bob@example.com>',
    'To: sales@chaud.test',
    'Subject: RE: Demo',
    'Message-ID: <orig-1@example.com>',
    'Content-Type: text/plain',
  ],
  [
    'Next week is fine.',
    '',
    '-----Original Message-----',
    'From: sales@chaud.test',
    'Sent: Monday',
    'Hi Bob',
  ],
);

/** Gmail's HTML part alone: the text comes from the HTML, the quote from the gmail_quote blockquote. */
export const HTML_ONLY_REPLY = rawEmail(
  [
    'From: Jean Dupont <jean@example.fr>',
    'To: ventes@chaud.test',
    'Subject: Re: Rendez-vous',
    'Message-ID: <html-1@mail.gmail.com>',
    'In-Reply-To: <msg-5@mail.chaud.test>',
    'Date: not a date',
    'Content-Type: text/html; charset=utf-8',
  ],
  [
    '<div dir="ltr">Oui, <b>jeudi</b> me va.<br>Budget 5000 &euro;</div><br>',
    '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 3 mars 2025 à 10:00, Chaud',
    '&lt;ventes@chaud.test&gt; a écrit&nbsp;:<br></div>',
    '<blockquote class="gmail_quote">Bonjour,<br>Quand êtes-vous disponible ?</blockquote></div>',
  ],
);

function deliveryStatusNotification(recipientFields: readonly string[], subject: string): string {
  return rawEmail(
    [
      'From: MAILER-DAEMON@mx.chaud.test (Mail Delivery System)',
      'To: bounces@chaud.test',
      `Subject: ${subject}`,
      'Date: Mon, 3 Mar 2025 10:01:00 +0000',
      'Message-ID: <20250303100100.ABC@mx.chaud.test>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status;',
      '\tboundary="DSN-BOUNDARY"',
    ],
    [
      'This is a MIME-encapsulated message.',
      '',
      '--DSN-BOUNDARY',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'This is the mail system at host mx.chaud.test.',
      "I'm sorry to have to inform you that your message could not be delivered.",
      '',
      '--DSN-BOUNDARY',
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.chaud.test',
      'X-Postfix-Queue-ID: ABC',
      'Arrival-Date: Mon,  3 Mar 2025 10:00:58 +0000',
      '',
      ...recipientFields,
      '',
      '--DSN-BOUNDARY',
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      'From: Chaud Ventes <ventes@chaud.test>',
      'To: Ghost <Ghost@Example.org>',
      'Subject: Votre demande',
      'Message-ID: <msg-7@mail.chaud.test>',
      '',
      '--DSN-BOUNDARY--',
    ],
  );
}

/** Postfix DSN: unknown mailbox, 5.1.1, diagnostic folded over two lines. */
export const HARD_BOUNCE = deliveryStatusNotification(
  [
    'Final-Recipient: rfc822; Ghost@Example.org',
    'Original-Recipient: rfc822;ghost@example.org',
    'Action: failed',
    'Status: 5.1.1',
    'Remote-MTA: dns; mx.example.org',
    'Diagnostic-Code: smtp; 550 5.1.1 <ghost@example.org>: Recipient address rejected:',
    '    User unknown in virtual mailbox table',
  ],
  'Undelivered Mail Returned to Sender',
);

/** DSN for a full mailbox, still being retried. */
export const SOFT_BOUNCE = deliveryStatusNotification(
  [
    'Final-Recipient: rfc822; full@example.org',
    'Action: delayed',
    'Status: 4.2.2',
    'Diagnostic-Code: smtp; 452 4.2.2 Mailbox full',
    'Will-Retry-Until: Thu, 6 Mar 2025 10:00:58 +0000',
  ],
  'Delayed Mail (still being retried)',
);

/** DSN saying the message was delivered: a notification, not a bounce. */
export const DELIVERED_NOTIFICATION = deliveryStatusNotification(
  ['Final-Recipient: rfc822; lead@example.org', 'Action: delivered', 'Status: 2.0.0'],
  'Successful Mail Delivery Report',
);

/** RFC 5965 abuse report as sent by a feedback loop, the original attached as message/rfc822. */
export const COMPLAINT = rawEmail(
  [
    'From: <feedback@fbl.example.net>',
    'To: abuse@chaud.test',
    'Subject: FW: Votre demande',
    'Date: Thu, 6 Mar 2025 10:00:00 +0000',
    'Message-ID: <arf-1@fbl.example.net>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"',
  ],
  [
    '--ARF',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.1.',
    '',
    '--ARF',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: ExampleFBL/1.0',
    'Version: 1',
    'Original-Mail-From: <bounces@chaud.test>',
    'Original-Rcpt-To: <Complainer@Example.net>',
    'Arrival-Date: Thu, 6 Mar 2025 09:00:00 +0000',
    'Source-IP: 192.0.2.1',
    '',
    '--ARF',
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    'From: Chaud Ventes <ventes@chaud.test>',
    'To: complainer@example.net',
    'Subject: Votre demande',
    'Message-ID: <msg-9@mail.chaud.test>',
    '',
    'Bonjour, avez-vous un projet ?',
    '',
    '--ARF--',
  ],
);

/** Outlook out-of-office in French: Auto-Submitted and the standard subject. */
export const AUTO_REPLY = rawEmail(
  [
    'From: Marie Durand <marie.durand@entreprise.fr>',
    'To: ventes@chaud.test',
    'Subject: Réponse automatique : Votre demande',
    'Message-ID: <oof-1@entreprise.fr>',
    'In-Reply-To: <msg-3@mail.chaud.test>',
    'Auto-Submitted: auto-replied',
    'X-Auto-Response-Suppress: All',
    'Content-Type: text/plain; charset=utf-8',
  ],
  ['Je suis absente jusqu’au 10 mars.'],
);
