import { describe, expect, it } from 'vitest';
import { type FormRulesInput, findFormDefinitionProblems } from './form-definition.rules.ts';
import { pickPageLanguage, renderThankYouPage } from './forms.pages.ts';
import { ZCreateFormInput } from './forms.schemas.ts';

const valid: FormRulesInput = {
  honeypotField: 'website',
  fields: [
    { name: 'email', type: 'email', required: true, mapTo: 'email' },
    { name: 'budget', type: 'select', required: false, options: ['small', 'large'] },
    { name: 'optin', type: 'checkbox', required: false },
  ],
  consents: [
    { purpose: 'marketing_email', channel: 'email', text: 'Yes, email me.', field: 'optin', required: false },
  ],
};

const messagesOf = (form: FormRulesInput) =>
  findFormDefinitionProblems(form).map((problem) => problem.message);

describe('findFormDefinitionProblems', () => {
  it('accepts a consistent form', () => {
    expect(findFormDefinitionProblems(valid)).toEqual([]);
  });

  it('reports duplicate names, reserved names and the honeypot taken by a field', () => {
    const problems = findFormDefinitionProblems({
      ...valid,
      fields: [
        ...valid.fields,
        { name: 'Email', type: 'text', required: false },
        { name: 'utm_source', type: 'hidden', required: false },
        { name: 'website', type: 'text', required: false },
      ],
    });
    expect(problems).toEqual([
      { field: 'fields[3].name', message: 'duplicate field name "Email"' },
      expect.objectContaining({ field: 'fields[4].name' }),
      expect.objectContaining({ field: 'fields[5].name' }),
    ]);
  });

  it('needs a field that identifies the lead and one field per lead field', () => {
    expect(
      messagesOf({ ...valid, fields: [{ name: 'x', type: 'text', required: false }], consents: [] }),
    ).toEqual([expect.stringContaining('at least one field must map to email, phone or whatsappId')]);
    expect(
      messagesOf({
        ...valid,
        fields: [...valid.fields, { name: 'mail2', type: 'email', required: false, mapTo: 'email' }],
      }),
    ).toEqual(['"mail2" and "email" both fill lead field email']);
  });

  it('requires consents to point at an existing checkbox, once per purpose and channel', () => {
    const consent = valid.consents[0]!;
    expect(
      messagesOf({
        ...valid,
        consents: [consent, { ...consent, field: 'budget' }, { ...consent, field: 'nope', channel: 'sms' }],
      }),
    ).toEqual([
      'consent field "budget" must be a checkbox, not select',
      'consent marketing_email/email appears twice',
      'consent refers to unknown field "nope"',
    ]);
  });

  it('keeps options to select fields and lead fields off checkboxes', () => {
    expect(
      messagesOf({
        ...valid,
        fields: [
          ...valid.fields,
          { name: 'size', type: 'select', required: false },
          { name: 'name', type: 'text', required: false, options: ['a'] },
          { name: 'tick', type: 'checkbox', required: false, mapTo: 'firstName' },
        ],
      }),
    ).toEqual([
      'select field "size" needs options',
      'only select fields have options ("name")',
      'checkbox "tick" cannot fill lead field firstName',
    ]);
  });
});

describe('form definition schema', () => {
  const base = { name: 'Contact', fields: [{ name: 'email', mapTo: 'email' }] };
  it('normalises allowed origins and refuses anything that is not an origin', () => {
    const parsed = ZCreateFormInput.parse({
      ...base,
      allowedOrigins: ['https://WWW.Acme.fr/', 'http://localhost:5173'],
    });
    expect(parsed.allowedOrigins).toEqual(['https://www.acme.fr', 'http://localhost:5173']);
    for (const origin of [
      '*',
      'www.acme.fr',
      'https://www.acme.fr/contact',
      'ftp://acme.fr',
      'https://a@acme.fr',
      'https://acme.fr?x=1',
    ]) {
      expect(ZCreateFormInput.safeParse({ ...base, allowedOrigins: [origin] }).success, origin).toBe(false);
    }
  });

  it('refuses a mapTo that is not a lead field', () => {
    expect(
      ZCreateFormInput.safeParse({ ...base, fields: [{ name: 'email', mapTo: 'password' }] }).success,
    ).toBe(false);
  });
});

describe('thank-you page', () => {
  it('speaks French when French is preferred and English otherwise', () => {
    expect(pickPageLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickPageLanguage('en-GB,fr;q=0.5')).toBe('en');
    expect(pickPageLanguage('de-DE,en;q=0.4,fr;q=0.6')).toBe('fr');
    expect(pickPageLanguage('de-DE')).toBe('en');
    expect(pickPageLanguage(undefined)).toBe('en');
    expect(pickPageLanguage('fr;q=0,en')).toBe('en');
  });

  it('escapes the success message', () => {
    const page = renderThankYouPage('fr', '<script>alert(1)</script> & merci');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; merci');
    expect(page).toContain('<html lang="fr">');
  });
});
