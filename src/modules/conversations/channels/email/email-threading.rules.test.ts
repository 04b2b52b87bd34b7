import { describe, expect, it } from 'vitest';
import {
  buildMessageId,
  extractLocalId,
  normalizeMessageId,
  parseMessageIdList,
  replySubject,
  threadCandidates,
} from './email-threading.rules.ts';

describe('buildMessageId / extractLocalId', () => {
  it('round-trips a local id through a Message-ID of our domain', () => {
    const id = buildMessageId('msg_01J9ZK.42', 'mail.chaud.test');
    expect(id).toBe('<msg_01J9ZK.42@mail.chaud.test>');
    expect(extractLocalId(id, 'mail.chaud.test')).toBe('msg_01J9ZK.42');
    expect(extractLocalId(' msg_01J9ZK.42@MAIL.Chaud.test ', 'mail.chaud.test')).toBe('msg_01J9ZK.42');
  });

  it('refuses parts that would break the id', () => {
    expect(() => buildMessageId('a b', 'chaud.test')).toThrow(RangeError);
    expect(() => buildMessageId('a@b', 'chaud.test')).toThrow(RangeError);
    expect(() => buildMessageId('ok', '<chaud.test>')).toThrow(RangeError);
    expect(() => buildMessageId('', 'chaud.test')).toThrow(RangeError);
  });

  it('is null for another domain, a subdomain, or no local part', () => {
    expect(extractLocalId('<abc@mail.gmail.com>', 'mail.chaud.test')).toBeNull();
    expect(extractLocalId('<abc@x.mail.chaud.test>', 'mail.chaud.test')).toBeNull();
    expect(extractLocalId('<@mail.chaud.test>', 'mail.chaud.test')).toBeNull();
    expect(extractLocalId('', 'mail.chaud.test')).toBeNull();
  });
});

describe('normalizeMessageId / parseMessageIdList', () => {
  it('trims and adds angle brackets once, keeping case', () => {
    expect(normalizeMessageId('  ABC@Example.com ')).toBe('<ABC@Example.com>');
    expect(normalizeMessageId('<ABC@Example.com>')).toBe('<ABC@Example.com>');
    expect(normalizeMessageId('<<x@y>>')).toBe('<x@y>');
    expect(normalizeMessageId('  <> ')).toBeNull();
    expect(normalizeMessageId(undefined)).toBeNull();
  });

  it('lists bracketed ids, or whitespace-separated bare ones', () => {
    expect(parseMessageIdList('<a@x>\r\n <b@x> junk <c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(parseMessageIdList('a@x b@x')).toEqual(['<a@x>', '<b@x>']);
    expect(parseMessageIdList(null)).toEqual([]);
  });
});

describe('threadCandidates', () => {
  it('puts In-Reply-To first, then References from newest to oldest, without duplicates', () => {
    expect(
      threadCandidates({
        inReplyTo: '<m3@chaud.test>',
        references: ['<m1@chaud.test>', '<m2@chaud.test>', '<m3@chaud.test>'],
      }),
    ).toEqual(['<m3@chaud.test>', '<m2@chaud.test>', '<m1@chaud.test>']);
  });

  it('works with only References, only In-Reply-To, or neither', () => {
    expect(threadCandidates({ inReplyTo: null, references: ['<m1@x>', '<m2@x>'] })).toEqual([
      '<m2@x>',
      '<m1@x>',
    ]);
    expect(threadCandidates({ inReplyTo: 'm1@x', references: [] })).toEqual(['<m1@x>']);
    expect(threadCandidates({ inReplyTo: null, references: [] })).toEqual([]);
  });

  it('reads a References entry that still holds several ids', () => {
    expect(threadCandidates({ inReplyTo: null, references: ['<m1@x> <m2@x>'] })).toEqual([
      '<m2@x>',
      '<m1@x>',
    ]);
  });
});

describe('replySubject', () => {
  it.each([
    ['Votre demande', 'Re: Votre demande'],
    ['Re: Votre demande', 'Re: Votre demande'],
    ['RE : Re: re:Votre demande', 'Re: Votre demande'],
    ['TR: Votre demande', 'Re: Votre demande'],
    ['Fwd: RE: Your request', 'Re: Your request'],
    ['Re[2]: AW: Angebot', 'Re: Angebot'],
    ['  Re:   Devis\t 2025 ', 'Re: Devis 2025'],
    ['Relance devis', 'Re: Relance devis'],
    ['Tres bien', 'Re: Tres bien'],
  ])('%j → %j', (subject, expected) => {
    expect(replySubject(subject, 'fr')).toBe(expected);
  });

  it('names an empty subject in the lead language', () => {
    expect(replySubject('', 'fr')).toBe('Re: Votre message');
    expect(replySubject('Re: ', 'en')).toBe('Re: Your message');
  });
});
