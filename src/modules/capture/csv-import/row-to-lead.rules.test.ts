import { describe, expect, it } from 'vitest';
import { readCountry, readDomain, readLanguage } from './field-values.rules.ts';
import { mapColumns } from './header-mapping.rules.ts';
import { readLeadRow } from './row-to-lead.rules.ts';

const HEADERS = [
  'Email',
  'Téléphone',
  'Prénom',
  'Nom',
  'Société',
  'Site web',
  'Pays',
  'Langue',
  'utm_source',
  'Notes',
];
const mapping = mapColumns(HEADERS, [], { ignoreUnmapped: false });
const read = (cells: string[]) => readLeadRow(cells, mapping, { defaultCountry: 'FR', source: 'import' });

describe('readLeadRow', () => {
  it('turns a row into normalised capture fields, touch and attributes', () => {
    const result = read([
      ' Lea@Acme.FR ',
      '06 12 34 56 78',
      'Léa',
      'Martin',
      'Acme',
      'https://www.acme.fr/contact',
      'France',
      'Français',
      'linkedin',
      'rappeler lundi',
    ]);
    expect(result).toEqual({
      isValid: true,
      lead: {
        fields: {
          email: 'lea@acme.fr',
          phone: '+33612345678',
          firstName: 'Léa',
          lastName: 'Martin',
          language: 'fr',
          country: 'FR',
          company: { name: 'Acme', domain: 'acme.fr' },
          attributes: { Notes: 'rappeler lundi' },
        },
        touch: { source: 'import', utm: { source: 'linkedin' } },
      },
    });
  });

  it('reads a phone in the row country when one is given', () => {
    const result = read(['', '020 7946 0958', '', '', '', '', 'Royaume-Uni', '', '', '']);
    expect(result.isValid && result.lead.fields.phone).toBe('+442079460958');
  });

  it('rejects a bad email with its column, reason and raw value', () => {
    const result = read(['not-an-email', '', 'Léa', '', '', '', '', '', '', '']);
    expect(result.isValid).toBe(false);
    if (result.isValid) return;
    expect(result.issues).toEqual([
      { column: 'Email', reason: expect.stringContaining('not a valid email'), value: 'not-an-email' },
    ]);
  });

  it('rejects a bad phone', () => {
    const result = read(['', '12', '', '', '', '', '', '', '', '']);
    expect(result.isValid ? [] : result.issues.map((issue) => issue.column)).toEqual(['Téléphone']);
  });

  it('rejects a row without any identity', () => {
    const result = read(['', '', 'Léa', 'Martin', 'Acme', '', '', '', '', '']);
    expect(result.isValid ? [] : result.issues.map((issue) => issue.reason)).toEqual([
      expect.stringContaining('no identity'),
    ]);
  });

  it('lists every problem of a row (country, language, domain)', () => {
    const result = read(['a@b.fr', '', '', '', '', 'not a site', 'Atlantis', 'klingon', '', '']);
    expect(result.isValid ? [] : result.issues.map((issue) => issue.column)).toEqual([
      'Pays',
      'Langue',
      'Site web',
    ]);
  });

  it('rejects values longer than the lead schema allows, naming the column', () => {
    const result = read(['a@b.fr', '', 'x'.repeat(101), '', '', '', '', '', '', '']);
    expect(result.isValid ? [] : result.issues.map((issue) => issue.column)).toEqual(['Prénom']);
  });

  it('reports non-empty cells beyond the header', () => {
    const result = read(['a@b.fr', '', '', '', '', '', '', '', '', '', 'surplus']);
    expect(result.isValid ? [] : result.issues.map((issue) => issue.value)).toEqual(['surplus']);
  });

  it('takes the row source over the default and merges a JSON attributes column', () => {
    const withJson = mapColumns(['email', 'source', 'attributes'], [], { ignoreUnmapped: false });
    const result = readLeadRow(['a@b.fr', 'salon', '{"budget":5000,"tags":["a"]}'], withJson, {
      defaultCountry: 'FR',
      source: 'import',
    });
    expect(result.isValid && result.lead).toEqual({
      fields: { email: 'a@b.fr', attributes: { budget: 5000, tags: '["a"]' } },
      touch: { source: 'salon' },
    });
    const bad = readLeadRow(['a@b.fr', '', '{oops'], withJson, { defaultCountry: 'FR', source: 'import' });
    expect(bad.isValid ? [] : bad.issues.map((issue) => issue.reason)).toEqual(['not a JSON object']);
  });
});

describe('field values', () => {
  it('reads countries by French or English name or code', () => {
    expect(readCountry('fr')).toBe('FR');
    expect(readCountry('États-Unis')).toBe('US');
    expect(readCountry('Cote d’Ivoire')).toBe('CI');
    expect(readCountry('Germany')).toBe('DE');
    expect(readCountry('UK')).toBe('GB');
    expect(readCountry('Atlantis')).toBeNull();
  });

  it('reads languages', () => {
    expect(readLanguage('fr-FR')).toBe('fr');
    expect(readLanguage('English')).toBe('en');
    expect(readLanguage('es')).toBeNull();
  });

  it('reads domains out of websites and emails', () => {
    expect(readDomain('https://WWW.Acme.fr/contact?x=1')).toBe('acme.fr');
    expect(readDomain('contact@acme.co.uk')).toBe('acme.co.uk');
    expect(readDomain('acme')).toBeNull();
  });
});
