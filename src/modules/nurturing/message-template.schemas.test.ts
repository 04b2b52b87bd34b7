import { describe, expect, it } from 'vitest';
import { formatDefinitionErrors } from './definition-errors.rules.ts';
import { parseMessageTemplate } from './message-template.schemas.ts';

const errorsOf = (input: unknown) => {
  const parsed = parseMessageTemplate(input);
  return parsed.ok ? [] : formatDefinitionErrors(parsed.errors);
};

describe('parseMessageTemplate', () => {
  it('accepts an e-mail template with a subject in both languages', () => {
    const parsed = parseMessageTemplate({
      name: 'welcome',
      channel: 'email',
      subject: { fr: 'Bienvenue', en: 'Welcome' },
      body: { fr: 'Bonjour {{lead.firstName | ""}}', en: 'Hello {{lead.firstName | ""}}' },
    });
    expect(parsed.ok).toBe(true);
  });

  it('names the path of each problem', () => {
    expect(
      errorsOf({
        name: 'bad name!',
        channel: 'email',
        body: { fr: 'Bonjour {{lead.nom}}', en: '' },
      }),
    ).toEqual([
      'name: a name of letters, digits, "-", "_" and "." (at most 100)',
      'body.en: must not be empty',
      'subject: an email template needs a subject',
      'body.fr: unknown token {{lead.nom}}',
    ]);
    expect(
      errorsOf({
        name: 'x',
        channel: 'email',
        subject: { fr: 'Objet', en: 'Subject' },
        body: { fr: 'Bonjour', en: 'Hi {{owner.name' },
        whatsappTemplate: { name: 'x', languageCode: { fr: 'fr', en: 'en' } },
      }),
    ).toEqual([
      'whatsappTemplate: only WhatsApp templates have one',
      'body.en: malformed token "{{owner.name"',
    ]);
  });

  it('asks WhatsApp template parameters for a fallback, since Meta refuses empty ones', () => {
    expect(
      errorsOf({
        name: 'wa',
        channel: 'whatsapp',
        subject: { fr: 'Objet', en: 'Subject' },
        body: { fr: 'Bonjour {{lead.firstName}}', en: 'Hi {{lead.firstName | "there"}}' },
        whatsappTemplate: { name: 'chaud_follow_up', languageCode: { fr: 'fr', en: 'en-US' } },
      }),
    ).toEqual([
      'whatsappTemplate.languageCode.en: a Meta language code such as fr or en_US',
      'subject: a WhatsApp message has no subject',
      'body.fr: {{lead.firstName}} needs a non-empty fallback in a WhatsApp template',
    ]);
  });
});
