import { describe, expect, it } from 'vitest';
import { readPywaWebhooks } from './whatsapp.fixtures.ts';
import { at, recordedDir as dir, onlyMessage, parsed } from './whatsapp-webhook.fixtures.ts';
import { parseWebhook } from './whatsapp-webhook.parser.ts';

// pywa's recorded cases; Meta's individual payloads and hand-written edge cases are in
// whatsapp-webhook.parser.test.ts.
const pywa = dir ? readPywaWebhooks(dir) : [];

describe.skipIf(!dir)('parseWebhook on the recorded payloads', () => {
  it('parses every pywa case without throwing, ignoring fields Chaud does not subscribe to', () => {
    expect(pywa.length).toBeGreaterThan(50);
    for (const fixture of pywa) {
      const result = parseWebhook(fixture.payload);
      const read = result.entries.length + result.ignoredFields.length;
      expect(read, fixture.name).toBeGreaterThan(0);
      expect(
        result.skipped.filter((item) => !item.reason.startsWith('unknown status')),
        fixture.name,
      ).toEqual([]);
    }
    expect(parsed(pywa, 'pywa/template_status_update.json#approved').ignoredFields).toEqual([
      'message_template_status_update',
    ]);
    expect(parsed(pywa, 'pywa/call_status.json#call_status').ignoredFields).toEqual(['calls']);
    expect(parsed(pywa, 'pywa/outgoing_message.json#text').ignoredFields).toEqual(['smb_message_echoes']);
  });

  it('reads every media type, reactions and their removal', () => {
    const message = (name: string) => onlyMessage(parsed(pywa, `pywa/message.json#${name}`));
    expect(message('video')).toMatchObject({
      mediaType: 'video',
      media: { caption: 'caption', mimeType: 'video/mp4' },
    });
    expect(message('document')).toMatchObject({ mediaType: 'document', media: { filename: 'filename.pdf' } });
    expect(message('voice')).toMatchObject({ mediaType: 'audio', media: { isVoice: true } });
    expect(message('animated_sticker')).toMatchObject({ mediaType: 'sticker', media: { isAnimated: true } });
    expect(message('chosen_location')).toMatchObject({
      location: { name: 'Facebook HQ', url: expect.any(String) },
    });
    expect(message('reaction')).toMatchObject({
      kind: 'reaction',
      targetMessageId: 'wamid.yzxyzx=',
      emoji: '😮',
    });
    expect(message('unreaction_empty')).not.toHaveProperty('emoji');
    expect(message('unreaction_no_emoji')).toMatchObject({
      kind: 'reaction',
      targetMessageId: 'wamid.yzxyzx=',
    });
    expect(message('forwarded_many_times')).toMatchObject({ isForwarded: true, isFrequentlyForwarded: true });
  });

  it('turns types Chaud does not read into unsupported, keeping change-level errors', () => {
    const message = (name: string) => onlyMessage(parsed(pywa, name));
    expect(message('pywa/message.json#order')).toMatchObject({ kind: 'unsupported', originalType: 'order' });
    expect(message('pywa/deleted_message.json#revoke')).toMatchObject({
      kind: 'unsupported',
      originalType: 'revoke',
    });
    expect(message('pywa/flow_completion.json#completion')).toMatchObject({
      originalType: 'interactive.nfm_reply',
    });
    const withError = parsed(pywa, 'pywa/message.json#interactive_message_with_err');
    expect(withError.entries[0]!.messages[0]).toMatchObject({
      kind: 'unsupported',
      originalType: 'interactive',
    });
    expect(withError.entries[0]!.errors).toEqual([
      {
        code: 131000,
        title: 'Something went wrong',
        message: 'Something went wrong',
        details: 'Unsupported webhook payload',
      },
    ]);
  });

  it('reads number changes, BSUID senders, played statuses and marketing preferences', () => {
    expect(onlyMessage(parsed(pywa, 'pywa/system.json#phone_number_change'))).toMatchObject({
      kind: 'system',
      systemType: 'user_changed_number',
      newWaId: '972912345678',
    });
    expect(onlyMessage(parsed(pywa, 'pywa/callback_button.json#quick_reply_without_context'))).toMatchObject({
      kind: 'template_button',
      fromBusinessScopedUserId: 'US.13491208655302741918',
    });
    expect(parsed(pywa, 'pywa/message_status.json#played').entries[0]!.statuses[0]!.status).toBe('played');
    expect(parsed(pywa, 'pywa/message_status.json#with_tracker').entries[0]!.statuses[0]!.callbackData).toBe(
      'some data',
    );
    expect(
      parsed(pywa, 'pywa/user_marketing_preferences.json#resume').entries[0]!.marketingPreferences,
    ).toEqual([
      {
        waId: '16505551234',
        category: 'marketing_messages',
        value: 'resume',
        detail: 'User requested to resume marketing messages',
        at: at(1731705721),
      },
    ]);
  });
});
