import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../platform/errors.ts';
import { locateWhatsAppFixtures, readSendExamples } from './whatsapp.fixtures.ts';
import {
  buildButtonsMessage,
  buildListMessage,
  buildReadReceipt,
  buildTemplateMessage,
  buildTextMessage,
} from './whatsapp-outbound.rules.ts';

const fixtures = locateWhatsAppFixtures();
if ('missing' in fixtures) console.warn(`[whatsapp] Meta request-example tests skipped: ${fixtures.missing}`);
const examples = 'dir' in fixtures ? readSendExamples(fixtures.dir) : {};
const to = '16505551234';

/** Meta's example with its placeholder recipient replaced by a real number. */
function example(title: string): Record<string, unknown> {
  const found = examples[title];
  if (!found) throw new Error(`no example "${title}"`);
  return { ...found, to };
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    const appError = error as AppError;
    return `${appError.code} ${(appError.details as { field: string }).field}`;
  }
  return 'built';
}

describe.skipIf(!('dir' in fixtures))("request bodies match Meta's documented examples", () => {
  it('text, with and without a reply context', () => {
    expect(buildTextMessage(to, 'text-message-content')).toEqual(example('Send Text Message'));
    expect(buildTextMessage(to, '<TEXT_MSG_CONTENT>', { replyTo: '<MSGID_OF_PREV_MSG>' })).toEqual(
      example('Send Reply to Text Message'),
    );
  });

  it('reply buttons', () => {
    const built = buildButtonsMessage(to, { body: '<BUTTON_TEXT>' }, [
      { id: '<UNIQUE_BUTTON_ID_1>', title: '<BUTTON_TITLE_1>' },
      { id: '<UNIQUE_BUTTON_ID_2>', title: '<BUTTON_TITLE_2>' },
    ]);
    expect(built).toEqual(example('Send Reply Button'));
  });

  it('lists with header, footer and described rows', () => {
    const row = (section: number, index: number) => ({
      id: `<LIST_SECTION_${section}_ROW_${index}_ID>`,
      title: `<SECTION_${section}_ROW_${index}_TITLE>`,
      description: `<SECTION_${section}_ROW_${index}_DESC>`,
    });
    const built = buildListMessage(
      to,
      { body: '<BODY_TEXT>', header: '<HEADER_TEXT>', footer: '<FOOTER_TEXT>' },
      '<BUTTON_TEXT>',
      [
        { title: '<LIST_SECTION_1_TITLE>', rows: [row(1, 1), row(1, 2)] },
        { title: '<LIST_SECTION_2_TITLE>', rows: [row(2, 1), row(2, 2)] },
      ],
    );
    expect(built).toEqual(example('Send List Message'));
  });

  it('templates with components, and the read receipt with typing indicator', () => {
    const meta = example('Send Message Template Interactive') as { template: { components: [] } };
    const built = buildTemplateMessage(to, {
      name: 'template-name',
      languageCode: 'en_US',
      components: meta.template.components,
    });
    expect(built).toEqual({
      ...meta,
      template: { ...meta.template, language: { policy: 'deterministic', code: 'en_US' } },
    });
    const receipt = example('Send typing indicator and read receipt');
    delete receipt.to;
    expect(buildReadReceipt(String(receipt.message_id), { showTyping: true })).toEqual(receipt);
  });
});

describe('template parameters', () => {
  it('builds positional and named body parameters and quick-reply payloads', () => {
    expect(
      buildTemplateMessage(to, {
        name: 'rappel_rdv',
        languageCode: 'fr',
        bodyParameters: ['Alice', 'mardi 10:00'],
        quickReplyPayloads: ['CONFIRM', 'RESCHEDULE'],
      }).template,
    ).toEqual({
      name: 'rappel_rdv',
      language: { policy: 'deterministic', code: 'fr' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Alice' },
            { type: 'text', text: 'mardi 10:00' },
          ],
        },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '0',
          parameters: [{ type: 'payload', payload: 'CONFIRM' }],
        },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '1',
          parameters: [{ type: 'payload', payload: 'RESCHEDULE' }],
        },
      ],
    });
    expect(
      buildTemplateMessage(to, { name: 'hello', languageCode: 'en_US', bodyParameters: { first_name: 'Bo' } })
        .template,
    ).toMatchObject({
      components: [
        { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Bo' }] },
      ],
    });
    expect(
      buildTemplateMessage(to, { name: 'hello_world', languageCode: 'en_US' }).template,
    ).not.toHaveProperty('components');
  });
});

describe("Meta's limits, checked before sending", () => {
  const button = (index: number, title = `Option ${index}`) => ({ id: `opt_${index}`, title });
  const rows = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ id: `r${index}`, title: `Row ${index}` }));

  it('refuses more than 3 buttons, long or duplicate titles and ids', () => {
    expect(
      failure(() =>
        buildButtonsMessage(
          to,
          { body: 'Pick' },
          [1, 2, 3, 4].map((index) => button(index)),
        ),
      ),
    ).toBe('WHATSAPP_MESSAGE_INVALID buttons');
    expect(failure(() => buildButtonsMessage(to, { body: 'Pick' }, []))).toBe(
      'WHATSAPP_MESSAGE_INVALID buttons',
    );
    expect(failure(() => buildButtonsMessage(to, { body: 'Pick' }, [button(1, 'x'.repeat(21))]))).toBe(
      'WHATSAPP_MESSAGE_INVALID buttons[0].title',
    );
    expect(failure(() => buildButtonsMessage(to, { body: 'Pick' }, [button(1, 'x'.repeat(20))]))).toBe(
      'built',
    );
    expect(
      failure(() =>
        buildButtonsMessage(to, { body: 'Pick' }, [button(1, 'Same'), { id: 'b', title: 'Same' }]),
      ),
    ).toBe('WHATSAPP_MESSAGE_INVALID buttons.title');
    expect(failure(() => buildButtonsMessage(to, { body: 'Pick' }, [{ id: ' a', title: 'A' }]))).toBe(
      'WHATSAPP_MESSAGE_INVALID buttons[0].id',
    );
    expect(failure(() => buildButtonsMessage(to, { body: 'x'.repeat(1025) }, [button(1)]))).toBe(
      'WHATSAPP_MESSAGE_INVALID interactive.body.text',
    );
    expect(
      failure(() => buildButtonsMessage(to, { body: 'Pick', footer: 'x'.repeat(61) }, [button(1)])),
    ).toBe('WHATSAPP_MESSAGE_INVALID interactive.footer.text');
  });

  it('refuses more than 10 rows in all, long row titles and untitled sections among several', () => {
    expect(failure(() => buildListMessage(to, { body: 'Choose' }, 'Options', [{ rows: rows(10) }]))).toBe(
      'built',
    );
    expect(
      failure(() =>
        buildListMessage(to, { body: 'Choose' }, 'Options', [
          { title: 'A', rows: rows(6) },
          { title: 'B', rows: rows(5) },
        ]),
      ),
    ).toBe('WHATSAPP_MESSAGE_INVALID sections.rows');
    expect(
      failure(() =>
        buildListMessage(to, { body: 'Choose' }, 'Options', [{ rows: [{ id: 'a', title: 'x'.repeat(25) }] }]),
      ),
    ).toBe('WHATSAPP_MESSAGE_INVALID sections[0].rows[0].title');
    expect(
      failure(() =>
        buildListMessage(to, { body: 'Choose' }, 'Options', [
          { rows: rows(1) },
          { title: 'B', rows: [{ id: 'z', title: 'Z' }] },
        ]),
      ),
    ).toBe('WHATSAPP_MESSAGE_INVALID sections[0].title');
    expect(failure(() => buildListMessage(to, { body: 'Choose' }, 'x'.repeat(21), [{ rows: rows(1) }]))).toBe(
      'WHATSAPP_MESSAGE_INVALID action.button',
    );
    expect(
      failure(() =>
        buildListMessage(to, { body: 'Choose' }, 'Options', [
          {
            rows: [
              { id: 'a', title: 'A' },
              { id: 'a', title: 'B' },
            ],
          },
        ]),
      ),
    ).toBe('WHATSAPP_MESSAGE_INVALID sections.rows.id');
  });

  it('refuses empty or over-long text, a recipient that is not a number, and a bad language code', () => {
    expect(failure(() => buildTextMessage(to, ' '))).toBe('WHATSAPP_MESSAGE_INVALID text.body');
    expect(failure(() => buildTextMessage(to, 'x'.repeat(4097)))).toBe('WHATSAPP_MESSAGE_INVALID text.body');
    expect(failure(() => buildTextMessage('+33 6 12 34 56 78', 'hi'))).toBe('WHATSAPP_MESSAGE_INVALID to');
    expect(failure(() => buildTextMessage('+33612345678', 'hi'))).toBe('built');
    expect(failure(() => buildTemplateMessage(to, { name: 'x', languageCode: 'french' }))).toBe(
      'WHATSAPP_MESSAGE_INVALID template.language',
    );
  });
});
