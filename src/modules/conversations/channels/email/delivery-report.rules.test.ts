import { describe, expect, it } from 'vitest';
import {
  bounceFromDeliveryStatus,
  complaintFromFeedbackReport,
  isAutoReply,
  parseFieldGroups,
  readReturnedHeaders,
} from './delivery-report.rules.ts';

const report = (...groups: string[][]) => groups.map((group) => group.join('\r\n')).join('\r\n\r\n');
const perMessage = ['Reporting-MTA: dns; mx.chaud.test'];

describe('parseFieldGroups', () => {
  it('splits on blank lines, lower-cases names, unfolds continuation lines, keeps the first repeat', () => {
    const groups = parseFieldGroups('A: 1\r\nB: two\r\n  words\r\nA: 3\r\n\r\n\r\nC: x\r\nnot a field\r\n');
    expect(groups.map((group) => Object.fromEntries(group))).toEqual([
      { a: '1', b: 'two words' },
      { c: 'x' },
    ]);
  });
});

describe('bounceFromDeliveryStatus', () => {
  it('takes the first failed or delayed recipient of a multi-recipient report', () => {
    const content = report(
      perMessage,
      ['Final-Recipient: rfc822; ok@example.org', 'Action: delivered', 'Status: 2.0.0'],
      [
        'Final-Recipient: rfc822; late@example.org',
        'Action: delayed',
        'Status: 4.4.7 (delivery time expired)',
      ],
    );
    expect(bounceFromDeliveryStatus(content, null)).toEqual({
      kind: 'soft',
      recipient: 'late@example.org',
      status: '4.4.7',
      diagnostic: null,
      originalMessageId: null,
    });
  });

  it('goes by the status class over the action, and by the action when the status has none', () => {
    const failedButTemporary = report(perMessage, [
      'Final-Recipient: rfc822; a@x.org',
      'Action: failed',
      'Status: 4.2.2',
    ]);
    const failedWithoutStatus = report(perMessage, ['Final-Recipient: rfc822; a@x.org', 'Action: failed']);
    const statusWithoutAction = report(perMessage, ['Final-Recipient: rfc822; a@x.org', 'Status: 5.7.1']);
    expect(bounceFromDeliveryStatus(failedButTemporary, null)?.kind).toBe('soft');
    expect(bounceFromDeliveryStatus(failedWithoutStatus, null)?.kind).toBe('hard');
    expect(bounceFromDeliveryStatus(statusWithoutAction, null)?.kind).toBe('hard');
  });

  it('falls back to Original-Recipient, then to the To of the returned headers', () => {
    const original = report(perMessage, ['Original-Recipient: rfc822;<Lead@Example.org>', 'Action: failed']);
    const none = report(perMessage, ['Action: failed', 'Status: 5.1.1']);
    const returned = 'To: "Lead" <lead2@example.org>\r\nMessage-ID: <msg-1@mail.chaud.test> (sent)\r\n';
    expect(bounceFromDeliveryStatus(original, null)?.recipient).toBe('lead@example.org');
    expect(bounceFromDeliveryStatus(none, returned)).toMatchObject({
      recipient: 'lead2@example.org',
      originalMessageId: '<msg-1@mail.chaud.test>',
    });
  });

  it('is null for a report without a failed or delayed recipient', () => {
    expect(bounceFromDeliveryStatus(report(perMessage), null)).toBeNull();
    expect(bounceFromDeliveryStatus('', null)).toBeNull();
  });
});

describe('complaintFromFeedbackReport', () => {
  it('reads Feedback-Type and Removal-Recipient when Original-Rcpt-To is absent', () => {
    const content = 'Feedback-Type: Opt-Out\r\nRemoval-Recipient: <Out@Example.net>\r\n';
    expect(complaintFromFeedbackReport(content, null)).toEqual({
      recipient: 'out@example.net',
      feedbackType: 'opt-out',
      originalMessageId: null,
    });
  });

  it('gives nulls for an empty report', () => {
    expect(complaintFromFeedbackReport('', null)).toEqual({
      recipient: null,
      feedbackType: null,
      originalMessageId: null,
    });
  });
});

describe('readReturnedHeaders', () => {
  it('reads only the header block of the returned message', () => {
    expect(readReturnedHeaders('Subject: x\r\n\r\nTo: body@example.org\r\n')).toEqual({
      messageId: null,
      to: null,
    });
  });
});

describe('isAutoReply', () => {
  const headers =
    (values: Record<string, string>) =>
    (name: string): string[] =>
      values[name] === undefined ? [] : [values[name]];

  it('reads Auto-Submitted per RFC 3834: any value but "no", parameters ignored', () => {
    expect(isAutoReply(headers({ 'auto-submitted': 'auto-replied; owner-email="x@y"' }), '')).toBe(true);
    expect(isAutoReply(headers({ 'auto-submitted': 'No' }), '')).toBe(false);
  });

  it('reads X-Autoreply values and ignores an explicit no', () => {
    expect(isAutoReply(headers({ 'x-autoreply': 'YES' }), '')).toBe(true);
    expect(isAutoReply(headers({ 'x-autoreply': 'no' }), '')).toBe(false);
  });

  it('matches out-of-office subjects, and "absence" only as the first word', () => {
    expect(isAutoReply(headers({}), 'Absente : retour le 10 mars')).toBe(true);
    expect(isAutoReply(headers({}), 'Réponse automatique : Votre demande')).toBe(true);
    expect(isAutoReply(headers({}), 'Re: congés et absence')).toBe(false);
    expect(isAutoReply(headers({}), 'Re: Votre demande')).toBe(false);
  });
});
