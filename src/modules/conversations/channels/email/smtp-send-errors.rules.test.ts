import { describe, expect, it } from 'vitest';
import { EmailSendError } from './email.errors.ts';
import { classifySmtpKind, toEmailSendError } from './smtp-send-errors.rules.ts';

// Errors shaped as nodemailer builds them (message, code, response, responseCode, command).
function nodemailerError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'failed')), fields);
}

describe('classifySmtpKind', () => {
  it.each([
    [550, null, 'permanent'],
    [553, 'EENVELOPE', 'permanent'],
    [554, 'EMESSAGE', 'permanent'],
    [535, 'EAUTH', 'permanent'],
    [450, 'EENVELOPE', 'transient'],
    [451, 'EENVELOPE', 'transient'],
    [421, 'ECONNECTION', 'transient'],
    [452, null, 'transient'],
    [null, 'ECONNECTION', 'transient'],
    [null, 'ETIMEDOUT', 'transient'],
    [null, 'ESOCKET', 'transient'],
    [null, 'EDNS', 'transient'],
    [null, null, 'transient'],
    [null, 'EAUTH', 'permanent'],
    [null, 'EENVELOPE', 'permanent'],
  ] as const)('reply %s, code %s → %s', (responseCode, errorCode, kind) => {
    expect(classifySmtpKind(responseCode, errorCode)).toBe(kind);
  });
});

describe('toEmailSendError', () => {
  it('keeps the SMTP code, reply, enhanced status, command and refused recipients', () => {
    const error = toEmailSendError(
      nodemailerError({
        message: "Can't send mail - all recipients were rejected: 550 5.1.1 <x@y>: User unknown",
        code: 'EENVELOPE',
        response: '550 5.1.1 <x@y>: User unknown',
        responseCode: 550,
        command: 'RCPT TO',
        rejected: ['x@y'],
      }),
    );
    expect(error).toBeInstanceOf(EmailSendError);
    expect(error).toMatchObject({
      kind: 'permanent',
      permanent: true,
      smtpCode: 550,
      smtpResponse: '550 5.1.1 <x@y>: User unknown',
      enhancedStatus: '5.1.1',
      errorCode: 'EENVELOPE',
      command: 'RCPT TO',
      rejected: ['x@y'],
    });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('classifies a refused connection as transient, with no SMTP fields', () => {
    const error = toEmailSendError(nodemailerError({ code: 'ESOCKET', message: 'connect ECONNREFUSED' }));
    expect(error).toMatchObject({ kind: 'transient', permanent: false, smtpCode: null, smtpResponse: null });
  });

  it('accepts anything thrown, and returns an EmailSendError as it is', () => {
    expect(toEmailSendError('boom')).toMatchObject({ kind: 'transient', message: 'boom', errorCode: null });
    const existing = toEmailSendError(nodemailerError({ responseCode: 554 }));
    expect(toEmailSendError(existing)).toBe(existing);
  });
});
