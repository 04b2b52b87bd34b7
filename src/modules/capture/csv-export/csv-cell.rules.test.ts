import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCsvCell, encodeCsvLine, neutralizeFormula } from './csv-cell.rules.ts';

describe('neutralizeFormula', () => {
  it.each(['=HYPERLINK("http://evil","x")', '+33612345678', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'])(
    'prefixes a quote to %j',
    (value) => {
      expect(neutralizeFormula(value)).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text alone', () => {
    expect(neutralizeFormula('Léa')).toBe('Léa');
    expect(neutralizeFormula('a=b')).toBe('a=b');
    expect(neutralizeFormula('')).toBe('');
  });
});

describe('encodeCsvCell', () => {
  it('quotes delimiters, quotes and line breaks', () => {
    expect(encodeCsvCell('Acme, Inc')).toBe('"Acme, Inc"');
    expect(encodeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(encodeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(encodeCsvCell(null)).toBe('');
  });

  it('neutralises text but not the numbers it is given', () => {
    expect(encodeCsvCell('=1+1')).toBe("'=1+1");
    expect(encodeCsvCell(-3)).toBe('-3');
  });

  it('round-trips any text through a CSV parser (formula cells come back with their quote)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        const [record] = parse(encodeCsvLine(cells), { relax_column_count: true }) as string[][];
        expect(record).toEqual(cells.map(neutralizeFormula));
      }),
    );
  });
});
