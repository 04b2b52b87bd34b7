import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { parseMessageTemplate, TEMPLATE_LANGUAGES } from './message-template.schemas.ts';
import { renderTemplate } from './template-render.rules.ts';

const byName = (name: string) => {
  const template = DEFAULT_TEMPLATES.find((item) => item.name === name);
  if (!template) throw new Error(`no default template ${name}`);
  return template;
};

describe('DEFAULT_TEMPLATES', () => {
  it('are all valid, with unique names', () => {
    for (const template of DEFAULT_TEMPLATES) {
      expect(parseMessageTemplate(template), template.name).toEqual({ ok: true, template });
    }
    const names = DEFAULT_TEMPLATES.map((template) => template.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('cover TOFU, MOFU and BOFU by e-mail and WhatsApp both inside and outside the window', () => {
    const stages = new Set(DEFAULT_TEMPLATES.map((template) => template.funnelStage));
    expect([...stages].filter(Boolean).sort()).toEqual(['bofu', 'mofu', 'tofu']);
    const whatsapp = DEFAULT_TEMPLATES.filter((template) => template.channel === 'whatsapp');
    expect(whatsapp.some((template) => template.whatsappTemplate)).toBe(true);
    expect(whatsapp.some((template) => !template.whatsappTemplate)).toBe(true);
  });

  it('render in both languages with no context at all: every token has a fallback', () => {
    for (const template of DEFAULT_TEMPLATES) {
      for (const language of TEMPLATE_LANGUAGES) {
        const rendered = renderTemplate(template, language, {});
        expect(rendered.missingTokens, `${template.name} ${language}`).toEqual([]);
        expect(`${rendered.subject ?? ''}${rendered.text}`).not.toMatch(/\{\{|\}\}|\s[,.]/);
      }
    }
  });

  it('speak to the lead in "vous" in French', () => {
    for (const template of DEFAULT_TEMPLATES) {
      const french = `${template.subject?.fr ?? ''} ${template.body.fr}`;
      expect(french, template.name).not.toMatch(/\b(tu|toi|ton|ta|tes|te)\b/i);
      expect(french, template.name).toMatch(/\bvous\b|\bvotre\b/i);
    }
  });

  it('adapt the seed "Nurturing après contenu téléchargé" with tokens', () => {
    const rendered = renderTemplate(byName('tofu-content-follow-up'), 'fr', {
      lead: { firstName: 'Camille' },
      owner: { name: 'Julie Martin' },
      workspace: { name: 'Acme Conseil' },
      content: { title: 'Lead ou prospect : la différence' },
    });
    expect(rendered.subject).toBe('Ressource utile : Lead ou prospect : la différence');
    expect(rendered.text).toMatch(
      /^Bonjour Camille,\n\nVous avez consulté « Lead ou prospect : la différence »\./,
    );
    expect(rendered.text).toContain('guide de 3 minutes');
    expect(rendered.text).toContain('15 minutes');
    expect(rendered.text).toMatch(/Bien à vous,\nJulie Martin\nAcme Conseil$/);
  });

  it('adapt the seed "Relance post-démo" with tokens', () => {
    const rendered = renderTemplate(byName('post-demo-next-steps'), 'fr', {
      lead: { firstName: 'Camille', company: { name: 'Globex' } },
    });
    expect(rendered.subject).toBe('Étapes suivantes — Globex');
    expect(rendered.text).toContain(
      'Récapitulatif : 1/ votre objectif, 2/ le périmètre concerné, 3/ les livrables attendus.',
    );
    expect(rendered.text).toContain('atelier de cadrage de 30 minutes');
    expect(renderTemplate(byName('post-demo-next-steps'), 'en', {}).subject).toBe(
      'Next steps — your project',
    );
  });

  it('send the WhatsApp follow-up as the approved template with the first name as parameter', () => {
    expect(
      renderTemplate(byName('whatsapp-follow-up'), 'fr', { lead: { firstName: 'Camille' } }).whatsapp,
    ).toEqual({
      name: 'chaud_follow_up',
      languageCode: 'fr',
      parameters: ['Camille'],
    });
  });
});
