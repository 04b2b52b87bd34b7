import { describe, expect, it } from 'vitest';
import type { MessageTemplate } from './message-template.schemas.ts';
import {
  findTokenProblems,
  listTokens,
  renderTemplate,
  renderText,
  templateLanguage,
} from './template-render.rules.ts';

const template: MessageTemplate = {
  name: 'demo',
  channel: 'email',
  subject: {
    fr: 'Étapes suivantes — {{lead.company.name | "votre projet"}}',
    en: 'Next steps — {{lead.company.name}}',
  },
  body: {
    fr: 'Bonjour {{lead.firstName | ""}},\n\nVous avez consulté « {{content.title}} ».\n{{owner.name | "L’équipe"}}',
    en: 'Hello {{ lead.firstName | "there" }}, you read {{content.title}}.',
  },
};

describe('renderTemplate', () => {
  it('fills every token from the context', () => {
    const rendered = renderTemplate(template, 'fr', {
      lead: { firstName: 'Camille', company: { name: 'Acme' } },
      owner: { name: 'Julie Martin' },
      content: { title: 'Lead ou prospect ?' },
    });
    expect(rendered).toEqual({
      subject: 'Étapes suivantes — Acme',
      text: 'Bonjour Camille,\n\nVous avez consulté « Lead ou prospect ? ».\nJulie Martin',
      missingTokens: [],
    });
  });

  it('uses fallbacks, drops the space before an empty one and reports tokens with neither', () => {
    const rendered = renderTemplate(template, 'fr', { lead: { firstName: '  ', company: null } });
    expect(rendered.subject).toBe('Étapes suivantes — votre projet');
    expect(rendered.text).toBe('Bonjour,\n\nVous avez consulté « ».\nL’équipe');
    expect(rendered.missingTokens).toEqual(['content.title']);
    const english = renderTemplate(template, 'en', {});
    expect(english).toEqual({
      subject: 'Next steps —',
      text: 'Hello there, you read.',
      missingTokens: ['lead.company.name', 'content.title'],
    });
  });

  it('inserts values as plain text: never read again as tokens, one line, bounded', () => {
    const rendered = renderText('Bonjour {{lead.firstName}} de {{lead.company.name}}', {
      lead: { firstName: '{{owner.email}}', company: { name: 'Acme\r\nBcc: x@evil.test' } },
      owner: { email: 'owner@example.com' },
    });
    expect(rendered.text).toBe('Bonjour {{owner.email}} de Acme Bcc: x@evil.test');
    expect(renderText('{{lead.firstName}}', { lead: { firstName: 'x'.repeat(500) } }).text).toHaveLength(300);
  });

  it('does not read inherited properties as values', () => {
    expect(renderText('{{lead.constructor}}', { lead: {} }).missingTokens).toEqual(['lead.constructor']);
  });

  it('gives a WhatsApp template its name, language code and parameters in order', () => {
    const whatsapp: MessageTemplate = {
      name: 'wa',
      channel: 'whatsapp',
      body: {
        fr: 'Bonjour {{lead.firstName | "à vous"}}, ici {{owner.name | "l’équipe"}}.',
        en: 'Hi {{lead.firstName | "there"}}',
      },
      whatsappTemplate: { name: 'chaud_follow_up', languageCode: { fr: 'fr', en: 'en_US' } },
    };
    expect(renderTemplate(whatsapp, 'fr', { owner: { name: 'Julie' } }).whatsapp).toEqual({
      name: 'chaud_follow_up',
      languageCode: 'fr',
      parameters: ['à vous', 'Julie'],
    });
    expect(renderTemplate(whatsapp, 'en', {}).whatsapp?.languageCode).toBe('en_US');
  });
});

describe('tokens at definition time', () => {
  it('lists the tokens of a template with where they are and their fallback', () => {
    expect(listTokens(template).map((use) => [use.where, use.token, use.fallback])).toEqual([
      ['subject.fr', 'lead.company.name', 'votre projet'],
      ['subject.en', 'lead.company.name', undefined],
      ['body.fr', 'lead.firstName', ''],
      ['body.fr', 'content.title', undefined],
      ['body.fr', 'owner.name', 'L’équipe'],
      ['body.en', 'lead.firstName', 'there'],
      ['body.en', 'content.title', undefined],
    ]);
  });

  it('reports unknown and malformed tokens; escaped quotes stay in a fallback', () => {
    expect(
      findTokenProblems('Bonjour {{lead.prenom}} {{ lead.firstName | "a \\"b\\"" }} {{owner.name'),
    ).toEqual(['unknown token {{lead.prenom}}', 'malformed token "{{owner.name"']);
    expect(renderText('{{lead.firstName | "a \\"b\\""}}', {}).text).toBe('a "b"');
    expect(findTokenProblems('Valeur }} orpheline')).toEqual(['malformed token "}}"']);
  });

  it('picks the template language from the lead language', () => {
    expect(templateLanguage('en-GB')).toBe('en');
    expect(templateLanguage('fr')).toBe('fr');
    expect(templateLanguage(null)).toBe('fr');
  });
});
