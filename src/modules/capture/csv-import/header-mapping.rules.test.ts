import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import {
  hasIdentityColumn,
  mapColumns,
  normalizeHeaderName,
  parseMapOption,
  recognizeHeader,
} from './header-mapping.rules.ts';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'no error';
};

describe('recognizeHeader', () => {
  it.each([
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Courriel', 'email'],
    ['Adresse e-mail', 'email'],
    ['  ADRESSE E-MAIL ', 'email'],
    ['Téléphone', 'phone'],
    ['telephone', 'phone'],
    ['Portable', 'phone'],
    ['Mobile', 'phone'],
    ['Tel', 'phone'],
    ['Prénom', 'firstName'],
    ['First Name', 'firstName'],
    ['firstname', 'firstName'],
    ['Nom', 'lastName'],
    ['Nom de famille', 'lastName'],
    ['Last name', 'lastName'],
    ['Société', 'companyName'],
    ['Entreprise', 'companyName'],
    ['Organisation', 'companyName'],
    ['Poste', 'jobTitle'],
    ['Fonction', 'jobTitle'],
    ['Job Title', 'jobTitle'],
    ['Pays', 'country'],
    ['Langue', 'language'],
    ['Site web', 'companyDomain'],
    ['Domaine', 'companyDomain'],
    ['Effectif', 'companySize'],
    ['Taille', 'companySize'],
    ['Secteur', 'companyIndustry'],
    ['Industrie', 'companyIndustry'],
    ['Source', 'source'],
    ['utm_source', 'utmSource'],
    ['UTM Campaign', 'utmCampaign'],
    ['companyName', 'companyName'],
  ])('reads "%s" as %s', (header, target) => {
    expect(recognizeHeader(header)).toBe(target);
  });

  it('does not guess unknown headers', () => {
    expect(recognizeHeader('Notes')).toBeNull();
    expect(recognizeHeader('Budget estimé')).toBeNull();
  });

  it('folds case, accents, spaces and punctuation', () => {
    expect(normalizeHeaderName(' Adresse E-Mail ')).toBe('adresseemail');
    expect(normalizeHeaderName('Société')).toBe('societe');
  });
});

describe('parseMapOption', () => {
  it('parses comma-separated Column=target pairs across repeated flags', () => {
    expect(parseMapOption(['Col A=email, Col B = firstName', 'Notes=attributes.note,Junk=ignore'])).toEqual([
      { column: 'Col A', target: 'email' },
      { column: 'Col B', target: 'firstName' },
      { column: 'Notes', target: 'attributes.note' },
      { column: 'Junk', target: 'ignore' },
    ]);
  });

  it('splits on the last "=" so column names may contain one', () => {
    expect(parseMapOption(['a=b=email'])).toEqual([{ column: 'a=b', target: 'email' }]);
  });

  it('rejects unknown targets and malformed entries with stable codes', () => {
    expect(codeOf(() => parseMapOption(['Mail=emial']))).toBe('CSV_IMPORT_MAP_UNKNOWN_TARGET');
    expect(codeOf(() => parseMapOption(['Mail']))).toBe('CSV_IMPORT_MAP_SYNTAX');
    expect(codeOf(() => parseMapOption(['=email']))).toBe('CSV_IMPORT_MAP_SYNTAX');
    expect(codeOf(() => parseMapOption(['Notes=attributes.']))).toBe('CSV_IMPORT_MAP_UNKNOWN_TARGET');
  });
});

describe('mapColumns', () => {
  const targets = (headers: string[], map: string[] = [], ignoreUnmapped = false) =>
    mapColumns(headers, parseMapOption(map), { ignoreUnmapped }).columns.map(({ target }) =>
      target.kind === 'field' ? target.field : target.kind === 'attribute' ? `attr:${target.key}` : 'ignore',
    );

  it('maps recognised headers and keeps the others as attributes', () => {
    expect(targets(['Courriel', 'Prénom', 'Notes'])).toEqual(['email', 'firstName', 'attr:Notes']);
  });

  it('drops unrecognised columns with ignoreUnmapped', () => {
    expect(targets(['Courriel', 'Notes'], [], true)).toEqual(['email', 'ignore']);
  });

  it('lets --map win over recognition, matching the column loosely', () => {
    expect(targets(['Mail pro', 'Mail perso'], ['mail pro=email'])).toEqual(['email', 'attr:Mail perso']);
    expect(targets(['Email', 'Contact'], ['Email=ignore', 'Contact=email'])).toEqual(['ignore', 'email']);
  });

  it('gives a field to its first column only; a second one becomes an attribute', () => {
    expect(targets(['Email', 'E-mail'])).toEqual(['email', 'attr:E-mail']);
  });

  it('names attributes of empty or repeated headers', () => {
    expect(targets(['Email', '', 'Notes', 'Notes'])).toEqual([
      'email',
      'attr:column_2',
      'attr:Notes',
      'attr:Notes (2)',
    ]);
  });

  it('rejects a --map column the header lacks and two columns on one field', () => {
    expect(codeOf(() => targets(['Email'], ['Mail=email']))).toBe('CSV_IMPORT_MAP_UNKNOWN_COLUMN');
    expect(codeOf(() => targets(['A', 'B'], ['A=email,B=email']))).toBe('CSV_IMPORT_MAP_DUPLICATE_TARGET');
  });

  it('knows whether some column carries an identity', () => {
    expect(hasIdentityColumn(mapColumns(['Nom', 'Portable'], [], { ignoreUnmapped: false }))).toBe(true);
    expect(hasIdentityColumn(mapColumns(['Nom', 'Société'], [], { ignoreUnmapped: false }))).toBe(false);
  });
});
