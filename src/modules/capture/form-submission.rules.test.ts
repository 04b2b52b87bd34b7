import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors.ts';
import {
  allowedOriginFor,
  isChecked,
  isHoneypotFilled,
  mapSubmission,
  type SubmittedForm,
} from './form-submission.rules.ts';
import type { FormSubmissionBody } from './forms.schemas.ts';

const form: SubmittedForm = {
  honeypotField: 'website',
  fields: [
    { name: 'email', type: 'email', required: true, mapTo: 'email' },
    { name: 'prenom', mapTo: 'firstName' },
    { name: 'societe', mapTo: 'company.name' },
    { name: 'domaine', mapTo: 'company.domain' },
    { name: 'langue', type: 'select', options: ['fr', 'en'], mapTo: 'language' },
    { name: 'budget', type: 'select', options: ['<10k', '10-50k', '>50k'] },
    { name: 'message', type: 'textarea' },
    { name: 'newsletter', type: 'checkbox' },
    { name: 'rgpd', type: 'checkbox' },
    { name: 'whatsapp_ok', type: 'checkbox' },
  ],
  consents: [
    {
      purpose: 'sales_contact',
      channel: 'email',
      text: "J'accepte d'être recontacté.",
      field: 'rgpd',
      required: true,
    },
    { purpose: 'whatsapp', channel: 'whatsapp', text: 'WhatsApp OK', field: 'whatsapp_ok' },
  ],
};

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('mapSubmission', () => {
  it('fills mapped lead fields and puts the other answers in form_ attributes', () => {
    const mapped = mapSubmission(form, {
      email: ' Alice@Acme.fr ',
      prenom: 'Alice',
      societe: 'Acme',
      domaine: 'ACME.fr',
      langue: 'fr',
      budget: '10-50k',
      message: 'Rappelez-moi',
      newsletter: 'on',
      rgpd: 'on',
      unknownKey: 'dropped',
    });
    expect(mapped.fields).toMatchObject({
      email: 'Alice@Acme.fr',
      firstName: 'Alice',
      language: 'fr',
      company: { name: 'Acme', domain: 'acme.fr' },
    });
    expect(mapped.fields.attributes).toEqual({
      form_budget: '10-50k',
      form_message: 'Rappelez-moi',
      form_newsletter: true,
    });
    expect(mapped.answers).toEqual({
      email: 'Alice@Acme.fr',
      prenom: 'Alice',
      societe: 'Acme',
      domaine: 'ACME.fr',
      langue: 'fr',
      budget: '10-50k',
      message: 'Rappelez-moi',
      newsletter: true,
      rgpd: true,
      whatsapp_ok: false,
    });
    expect(mapped.answers).not.toHaveProperty('unknownKey');
  });

  it('records a granted consent with the exact text for ticked boxes and nothing for empty optional ones', () => {
    const mapped = mapSubmission(form, { email: 'a@b.fr', rgpd: 'on' });
    expect(mapped.consents).toEqual([
      { purpose: 'sales_contact', channel: 'email', granted: true, text: "J'accepte d'être recontacté." },
    ]);
    const both = mapSubmission(form, { email: 'a@b.fr', rgpd: true, whatsapp_ok: ['0', '1'] });
    expect(both.consents.map((consent) => consent.purpose)).toEqual(['sales_contact', 'whatsapp']);
  });

  it('lists every missing required field before looking at consents', () => {
    const strict: SubmittedForm = {
      ...form,
      fields: form.fields.map((field) => (field.name === 'prenom' ? { ...field, required: true } : field)),
    };
    const error = errorOf(() => mapSubmission(strict, { email: '   ', prenom: '' }));
    expect(error.code).toBe('FORM_FIELD_REQUIRED');
    expect(error.details).toEqual({ fields: ['email', 'prenom'] });
  });

  it('refuses a submission whose required consent box is not ticked', () => {
    const error = errorOf(() => mapSubmission(form, { email: 'a@b.fr', rgpd: 'off' }));
    expect(error.code).toBe('FORM_CONSENT_REQUIRED');
    expect(error.details).toEqual({ fields: ['rgpd'] });
  });

  it('rejects an answer outside the options and a lead field the lead schema refuses, naming the fields', () => {
    const error = errorOf(() =>
      mapSubmission(form, { email: 'a@b.fr', rgpd: 'on', budget: '1M', domaine: 'not a domain' }),
    );
    expect(error.code).toBe('FORM_FIELD_INVALID');
    const fields = (error.details as { fields: { field: string }[] }).fields.map((item) => item.field);
    expect(fields.sort()).toEqual(['budget', 'domaine']);
  });

  it('reads UTM from the body first, then the query string, and the referrer from the body before the header', () => {
    const mapped = mapSubmission(
      form,
      { email: 'a@b.fr', rgpd: 'on', utm_source: 'linkedin', referrer: 'https://www.google.com/' },
      {
        query: { utm_source: 'ignored', utm_campaign: 'q4', other: 'x' },
        refererHeader: 'https://www.acme.fr/contact',
      },
    );
    expect(mapped.utm).toEqual({ source: 'linkedin', campaign: 'q4' });
    expect(mapped.referrer).toBe('https://www.google.com/');
    const fromHeader = mapSubmission(
      form,
      { email: 'a@b.fr', rgpd: 'on' },
      { refererHeader: 'https://www.acme.fr/contact' },
    );
    expect(fromHeader.referrer).toBe('https://www.acme.fr/contact');
    expect(fromHeader.utm).toBeUndefined();
  });

  it('joins repeated values and lower-cases a language', () => {
    const multi: SubmittedForm = {
      honeypotField: 'website',
      consents: [],
      fields: [{ name: 'email', mapTo: 'email' }, { name: 'lang', mapTo: 'language' }, { name: 'topics' }],
    };
    const mapped = mapSubmission(multi, { email: 'a@b.fr', lang: 'EN', topics: ['crm', '', 'ads'] });
    expect(mapped.fields.language).toBe('en');
    expect(mapped.fields.attributes).toEqual({ form_topics: 'crm, ads' });
  });
});

describe('honeypot and checkboxes', () => {
  it('treats any non-empty honeypot value as a bot', () => {
    const body = (website: FormSubmissionBody[string]) => ({ email: 'a@b.fr', website });
    expect(isHoneypotFilled('website', body('http://spam.example'))).toBe(true);
    expect(isHoneypotFilled('website', body(['x']))).toBe(true);
    expect(isHoneypotFilled('website', body(''))).toBe(false);
    expect(isHoneypotFilled('website', body('  '))).toBe(false);
    expect(isHoneypotFilled('website', { email: 'a@b.fr' })).toBe(false);
  });

  it('reads browser and script checkbox values', () => {
    for (const value of ['on', 'true', '1', 'yes', 'Oui', true, 1, ['0', 'on']])
      expect(isChecked(value)).toBe(true);
    for (const value of ['', 'off', 'false', '0', 'no', false, 0, null, undefined, []]) {
      expect(isChecked(value)).toBe(false);
    }
  });
});

describe('allowedOriginFor', () => {
  const origins = ['https://www.acme.fr', 'http://localhost:5173'];
  it('echoes a listed origin and nothing else', () => {
    expect(allowedOriginFor(origins, 'https://www.acme.fr')).toBe('https://www.acme.fr');
    expect(allowedOriginFor(origins, 'http://localhost:5173')).toBe('http://localhost:5173');
    expect(allowedOriginFor(origins, 'https://evil.example')).toBeNull();
    expect(allowedOriginFor(origins, 'http://www.acme.fr')).toBeNull();
    expect(allowedOriginFor(origins, 'null')).toBeNull();
    expect(allowedOriginFor(origins, undefined)).toBeNull();
    expect(allowedOriginFor([], 'https://www.acme.fr')).toBeNull();
  });
});
