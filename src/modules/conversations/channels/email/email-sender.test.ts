import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../platform/errors.ts';
import { EmailSendError, INVALID_MESSAGE_CODE } from './email.errors.ts';
import { type OutboundEmail, SmtpEmailSender } from './email-sender.ts';
import { parseInboundEmail } from './inbound-email.parser.ts';

// The sender against a real SMTP server (smtp-server) on 127.0.0.1, plaintext, no STARTTLS.
interface Received {
  raw: string;
  mailFrom: string | null;
  rcptTo: string[];
  user: string | null;
  password: string | null;
}

const received: Received[] = [];
let lastAuth: { user: string | null; password: string | null } = { user: null, password: null };
const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    lastAuth = { user: auth.username ?? null, password: auth.password ?? null };
    callback(null, { user: auth.username });
  },
  onRcptTo(address, _session, callback) {
    // The local part picks the server's answer, as a real MX answers per mailbox.
    if (address.address.startsWith('unknown@')) return callback(smtpError('5.1.1 User unknown', 550));
    if (address.address.startsWith('greylisted@')) return callback(smtpError('4.7.1 Try again later', 451));
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw.includes('REFUSE-AT-DATA')) return callback(smtpError('5.7.1 Message refused as spam', 554));
      received.push({
        raw,
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        ...lastAuth,
      });
      callback(null, 'Ok: queued as TEST1');
    });
  },
});

// Accepts TCP connections and never greets: a hung server.
const silentServer = net.createServer(() => {});
const silentSockets = new Set<net.Socket>();
silentServer.on('connection', (socket) => {
  silentSockets.add(socket);
  socket.on('close', () => silentSockets.delete(socket));
});

let port = 0;
let silentPort = 0;
let closedPort = 0;
let sender: SmtpEmailSender;

function listen(target: net.Server | SMTPServer): Promise<number> {
  return new Promise((resolve) => {
    const listening = target.listen(0, '127.0.0.1', () => {
      resolve((listening.address() as net.AddressInfo).port);
    });
  });
}

beforeAll(async () => {
  port = await listen(server);
  silentPort = await listen(silentServer);
  // A port that was just free and is closed again: connections to it are refused.
  const probe = net.createServer();
  closedPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  sender = new SmtpEmailSender(`smtp://chaud%40mail:p%40ss%3Aword@127.0.0.1:${port}`);
});

afterAll(async () => {
  sender.close();
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((resolve) => silentServer.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

function outbound(overrides: Partial<OutboundEmail> = {}): OutboundEmail {
  return {
    from: { address: 'ventes@chaud.test', name: 'Chaud Ventes' },
    to: { address: 'jean.dupont@example.fr', name: 'Jean Dupont' },
    subject: 'Re: Votre demande de devis',
    text: 'Bonjour Jean,\n\nQuand êtes-vous disponible ?',
    html: '<p>Bonjour Jean,</p><p>Quand êtes-vous disponible ?</p>',
    messageId: '<msg-3@mail.chaud.test>',
    inReplyTo: '<CAF=reply-1@mail.gmail.com>',
    references: ['<msg-1@mail.chaud.test>', '<CAF=reply-1@mail.gmail.com>'],
    unsubscribeUrl: 'https://app.chaud.test/u/eyJ3IjoiMSJ9.sig?x=1,2',
    unsubscribeMailto: 'unsubscribe+eyJ3@chaud.test',
    headers: { 'X-Chaud-Lead': 'lead_42', 'Reply-To': 'reply+lead_42@chaud.test' },
    ...overrides,
  };
}

/** Unfolded header lines of a raw message, by lower-case name. */
function rawHeaders(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return new Map(
    head
      .split('\r\n')
      .map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
  );
}

async function sendError(run: () => Promise<unknown>): Promise<EmailSendError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof EmailSendError) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
}

describe('SmtpEmailSender sends', () => {
  it('delivers the message with threading and one-click unsubscribe headers, and reports the result', async () => {
    const result = await sender.send(outbound());
    expect(result).toEqual({
      providerMessageId: '<msg-3@mail.chaud.test>',
      accepted: ['jean.dupont@example.fr'],
      rejected: [],
      response: expect.stringMatching(/^250 .*queued as TEST1/),
    });
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message).toMatchObject({
      mailFrom: 'ventes@chaud.test',
      rcptTo: ['jean.dupont@example.fr'],
      // Credentials come from the URL, percent-decoded.
      user: 'chaud@mail',
      password: 'p@ss:word',
    });

    const headers = rawHeaders(message!.raw);
    expect(headers.get('list-unsubscribe')).toBe(
      '<https://app.chaud.test/u/eyJ3IjoiMSJ9.sig?x=1,2>, <mailto:unsubscribe+eyJ3@chaud.test>',
    );
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headers.get('x-chaud-lead')).toBe('lead_42');
    expect(headers.get('reply-to')).toBe('reply+lead_42@chaud.test');

    const parsed = await parseInboundEmail(message!.raw);
    expect(parsed).toMatchObject({
      messageId: '<msg-3@mail.chaud.test>',
      inReplyTo: '<CAF=reply-1@mail.gmail.com>',
      references: ['<msg-1@mail.chaud.test>', '<CAF=reply-1@mail.gmail.com>'],
      from: { address: 'ventes@chaud.test', name: 'Chaud Ventes' },
      to: ['jean.dupont@example.fr'],
      subject: 'Re: Votre demande de devis',
      text: 'Bonjour Jean,\n\nQuand êtes-vous disponible ?',
      isAutoReply: false,
    });
  });

  it('sends a first message without threading headers, and the mailto-less List-Unsubscribe', async () => {
    const first = outbound({
      inReplyTo: undefined,
      references: undefined,
      unsubscribeMailto: undefined,
      html: undefined,
    });
    await sender.send(first);
    const headers = rawHeaders(received[0]!.raw);
    expect(headers.has('in-reply-to')).toBe(false);
    expect(headers.has('references')).toBe(false);
    expect(headers.get('list-unsubscribe')).toBe('<https://app.chaud.test/u/eyJ3IjoiMSJ9.sig?x=1,2>');
    expect(headers.get('message-id')).toBe('<msg-3@mail.chaud.test>');
  });
});

describe('SmtpEmailSender errors', () => {
  it('turns a 550 to RCPT TO (hard bounce at SMTP time) into a permanent EmailSendError', async () => {
    const error = await sendError(() => sender.send(outbound({ to: { address: 'unknown@example.fr' } })));
    expect(error).toMatchObject({
      kind: 'permanent',
      permanent: true,
      smtpCode: 550,
      enhancedStatus: '5.1.1',
      command: 'RCPT TO',
      rejected: ['unknown@example.fr'],
    });
    expect(error.smtpResponse).toContain('User unknown');
    expect(received).toHaveLength(0);
  });

  it('turns a 451 (greylisting) into a transient EmailSendError', async () => {
    const error = await sendError(() => sender.send(outbound({ to: { address: 'greylisted@example.fr' } })));
    expect(error).toMatchObject({
      kind: 'transient',
      permanent: false,
      smtpCode: 451,
      enhancedStatus: '4.7.1',
    });
    expect(error.smtpResponse).toContain('Try again later');
  });

  it('turns a 554 after DATA into a permanent EmailSendError', async () => {
    const error = await sendError(() => sender.send(outbound({ text: 'REFUSE-AT-DATA' })));
    expect(error).toMatchObject({ kind: 'permanent', smtpCode: 554, command: 'DATA' });
  });

  it('is transient when the port is closed', async () => {
    const closed = new SmtpEmailSender(`smtp://127.0.0.1:${closedPort}`);
    const error = await sendError(() => closed.send(outbound()));
    closed.close();
    expect(error).toMatchObject({ kind: 'transient', permanent: false, smtpCode: null });
    expect(error.errorCode).toMatch(/^E(SOCKET|CONNECTION)$/);
  });

  it('gives up on a server that never greets, as a transient timeout', async () => {
    const hung = new SmtpEmailSender(`smtp://127.0.0.1:${silentPort}`, { greetingTimeoutMs: 300 });
    const started = Date.now();
    const error = await sendError(() => hung.send(outbound()));
    hung.close();
    expect(error).toMatchObject({ kind: 'transient', errorCode: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('SmtpEmailSender checks before sending', () => {
  it.each([
    ['an http unsubscribe URL on a public host', { unsubscribeUrl: 'http://app.chaud.test/u/t' }],
    ['a mailto with a bracket', { unsubscribeMailto: 'a>@chaud.test' }],
    ['a header it manages', { headers: { 'Message-ID': '<x@y>' } }],
    ['a header value with a line break', { headers: { 'X-Note': 'a\r\nBcc: victim@example.com' } }],
    ['a subject with a line break', { subject: 'Hi\r\nBcc: victim@example.com' }],
    ['a Message-ID without domain', { messageId: 'msg-3' }],
    ['a recipient that is not an address', { to: { address: 'jean' } }],
  ])('refuses %s as a permanent error and sends nothing', async (_label, overrides) => {
    const error = await sendError(() => sender.send(outbound(overrides)));
    expect(error).toMatchObject({ kind: 'permanent', errorCode: INVALID_MESSAGE_CODE, smtpCode: null });
    expect(received).toHaveLength(0);
  });

  it('lets a plain http unsubscribe URL through on a loopback host (development install)', async () => {
    await sender.send(outbound({ unsubscribeUrl: 'http://localhost:3000/u/t' }));
    expect(rawHeaders(received[0]!.raw).get('list-unsubscribe')).toMatch(
      /^<http:\/\/localhost:3000\/u\/t>, /,
    );
  });

  it.each(['http://mail.chaud.test', 'not a url', 'smtp://'])('refuses the SMTP URL %j', (url) => {
    expect(() => new SmtpEmailSender(url)).toThrow(ValidationError);
  });
});
