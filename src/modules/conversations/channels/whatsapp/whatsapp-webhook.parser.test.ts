import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../platform/errors.ts';
import { readIndividualWebhooks } from './whatsapp.fixtures.ts';
import { at, recordedDir as dir, onlyMessage, parsed } from './whatsapp-webhook.fixtures.ts';
import { parseWebhook } from './whatsapp-webhook.parser.ts';

// Meta's individual payloads and hand-written edge cases; pywa's recorded cases are in
// whatsapp-webhook-pywa.parser.test.ts.
const individual = dir ? readIndividualWebhooks(dir) : [];

describe.skipIf(!dir)('parseWebhook on the recorded payloads', () => {
  it('parses every individual fixture, routing it by phone_number_id, with nothing skipped', () => {
    expect(individual).toHaveLength(14);
    for (const fixture of individual) {
      const result = parseWebhook(fixture.payload);
      expect(result.skipped, fixture.name).toEqual([]);
      expect(result.entries, fixture.name).toHaveLength(1);
      const entry = result.entries[0]!;
      expect(entry.phoneNumberId).toBe('1122334455667');
      expect(entry.displayPhoneNumber).toBe('972123456789');
      expect(entry.contacts).toEqual([
        {
          waId: '972987654321',
          businessScopedUserId: 'US.13491208655302741918',
          parentBusinessScopedUserId: 'US.ENT.11815799212886844830',
          name: 'Test Name',
        },
      ]);
      expect(entry.messages.length + entry.statuses.length, fixture.name).toBe(1);
    }
  });

  it('reads text, replies and forwarded locations', () => {
    expect(onlyMessage(parsed(individual, 'individual/incoming_text'))).toEqual({
      kind: 'text',
      text: 'Body Text',
      id: 'wamid.xyzxyz',
      from: '972987654321',
      sentAt: at(1697043223),
      isForwarded: false,
      isFrequentlyForwarded: false,
    });
    const reply = onlyMessage(parsed(individual, 'individual/incoming_reply_with_context'));
    expect(reply).toMatchObject({ kind: 'text', text: 'replied text', replyToMessageId: 'wamid.xyzxyz==' });
    const location = onlyMessage(parsed(individual, 'individual/incoming_location'));
    expect(location).toMatchObject({
      kind: 'location',
      location: { latitude: 12.25089, longitude: 43.90539 },
      isForwarded: true,
    });
  });

  it('reads media with id and mime type, and shared contacts', () => {
    expect(onlyMessage(parsed(individual, 'individual/incoming_image'))).toMatchObject({
      kind: 'media',
      mediaType: 'image',
      media: { id: '65463453', mimeType: 'image/jpeg', sha256: '4654+8g=' },
    });
    const contacts = onlyMessage(parsed(individual, 'individual/incoming_contacts'));
    if (contacts.kind !== 'contacts') throw new Error(`kind ${contacts.kind}`);
    expect(contacts.contacts).toHaveLength(3);
    expect(contacts.contacts[0]).toEqual({
      formattedName: 'Chandler Bing',
      firstName: 'Chandler',
      lastName: 'Bing',
      phones: [{ phone: '+1 555-555-5555', waId: '972987654321', type: 'CELL' }],
      emails: [],
    });
  });

  it('reads button and list replies and template quick replies with the message they answer', () => {
    expect(onlyMessage(parsed(individual, 'individual/interactive_button_reply'))).toMatchObject({
      kind: 'button_reply',
      replyId: 'callback_data',
      title: 'title',
      replyToMessageId: 'wamid.xyzxyz',
    });
    expect(onlyMessage(parsed(individual, 'individual/interactive_list_reply'))).toMatchObject({
      kind: 'list_reply',
      replyId: 'callback_data',
      title: 'title',
      id: 'wamid.zyzxyz',
    });
    expect(onlyMessage(parsed(individual, 'individual/template_quick_reply_button'))).toMatchObject({
      kind: 'template_button',
      payload: 'callback_data',
      text: 'title',
      replyToMessageId: 'wamid.xyzxyz==',
    });
  });

  it('keeps unsupported messages with Meta error, and maps an ad referral to source and UTM', () => {
    expect(onlyMessage(parsed(individual, 'individual/incoming_unsupported'))).toMatchObject({
      kind: 'unsupported',
      originalType: 'unsupported',
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          message: 'Message type unknown',
          details: 'Message type is currently not supported.',
        },
      ],
    });
    const fromAd = onlyMessage(parsed(individual, 'individual/incoming_text_from_ctwa_ad_referral'));
    expect(fromAd).toMatchObject({ kind: 'text', text: 'BODY', id: 'wamid.ID' });
    expect(fromAd.referral).toMatchObject({ sourceId: 'ADID', headline: 'AD_TITLE', ctwaClid: 'CTWA_CLID' });
    expect(fromAd.attribution).toEqual({
      source: 'whatsapp_ad',
      utm: { medium: 'ctwa', campaign: 'ADID', content: 'AD_TITLE' },
      clickId: 'CTWA_CLID',
      adUrl: 'AD_OR_POST_FB_URL',
    });
  });

  it('reads statuses with their time, conversation, pricing and errors', () => {
    const sent = parsed(individual, 'individual/status_sent').entries[0]!.statuses[0]!;
    expect(sent).toEqual({
      messageId: 'wamid.xyzxyz',
      status: 'sent',
      at: at(1698266945),
      recipientId: '972987654321',
      errors: [],
      conversation: {
        id: '7270432eae37498234f4444b35ffc5',
        expiresAt: at(1698339900),
        originType: 'service',
      },
      pricing: { isBillable: true, pricingModel: 'CBP', category: 'service' },
    });
    expect(parsed(individual, 'individual/status_delivered').entries[0]!.statuses[0]!.status).toBe(
      'delivered',
    );
    expect(parsed(individual, 'individual/status_read').entries[0]!.statuses[0]!.status).toBe('read');
    const failed = parsed(individual, 'individual/status_failed').entries[0]!.statuses[0]!;
    expect(failed).toMatchObject({
      status: 'failed',
      at: at(1689380458),
      errors: [
        {
          code: 130472,
          title: "User's number is part of an experiment",
          details: "Failed to send message because this user's phone number is part of an experiment",
        },
      ],
    });
  });
});

const envelope = (value: unknown, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '42', changes: [{ field, value }] }],
});
const metadata = { display_phone_number: '33612345678', phone_number_id: '555' };

describe('parseWebhook on unusual payloads', () => {
  it('makes an unknown message type unsupported instead of failing', () => {
    const result = parseWebhook(
      envelope({
        metadata,
        messages: [{ from: '33611', id: 'wamid.A', timestamp: 1700000000, type: 'hologram' }],
      }),
    );
    expect(result.entries[0]!.messages[0]).toMatchObject({
      kind: 'unsupported',
      originalType: 'hologram',
      sentAt: at(1700000000),
    });
  });

  it('skips, with the reason, a message without id and a status it does not know', () => {
    const result = parseWebhook(
      envelope({
        metadata,
        messages: [{ from: '33611', timestamp: '1700000000', type: 'text', text: { body: 'hi' } }],
        statuses: [{ id: 'wamid.B', status: 'warning', timestamp: '1700000000', recipient_id: '33611' }],
      }),
    );
    expect(result.entries[0]!.messages).toEqual([]);
    expect(result.skipped.map((item) => item.path)).toEqual([
      'entry[0].changes[0].value.messages[0]',
      'entry[0].changes[0].value.statuses[0]',
    ]);
  });

  it('skips a change without phone_number_id, since it cannot be routed to a workspace', () => {
    const result = parseWebhook(envelope({ messages: [] }));
    expect(result.entries).toEqual([]);
    expect(result.skipped[0]!.reason).toMatch(/phone_number_id/);
  });

  it('throws WHATSAPP_WEBHOOK_MALFORMED for a body that is not a WhatsApp envelope', () => {
    const codeOf = (body: unknown) => {
      try {
        parseWebhook(body);
        return 'parsed';
      } catch (error) {
        return `${(error as AppError).status} ${(error as AppError).code}`;
      }
    };
    expect(codeOf('text')).toBe('400 WHATSAPP_WEBHOOK_MALFORMED');
    expect(codeOf({ object: 'whatsapp_business_account' })).toBe('400 WHATSAPP_WEBHOOK_MALFORMED');
    expect(codeOf({ object: 'page', entry: [] })).toBe('400 WHATSAPP_WEBHOOK_MALFORMED');
    expect(codeOf({ object: 'whatsapp_business_account', entry: [] })).toBe('parsed');
  });
});
