import { describe, expect, it } from 'vitest';
import { countLineBreaks, detectDelimiter, detectEncoding, isUtf8Sample } from './csv-sniffer.rules.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const win1252 = (text: string) => Uint8Array.from([...text].map((char) => char.charCodeAt(0)));

describe('detectEncoding', () => {
  it('recognises a UTF-8 byte order mark', () => {
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes('email\n')]))).toBe('utf-8-bom');
  });

  it('reads accented UTF-8 without BOM as utf-8', () => {
    expect(detectEncoding(bytes('Prénom;Société\nLéa;Acme\n'))).toBe('utf-8');
  });

  it('reads bytes that are not valid UTF-8 as Windows-1252 (French Excel export)', () => {
    // "é" is 0xE9 in Windows-1252: a lone lead byte, invalid in UTF-8.
    expect(detectEncoding(win1252('Pr\u00e9nom;Soci\u00e9t\u00e9\n'))).toBe('windows-1252');
  });

  it('leaves a pure ASCII sample undecided', () => {
    expect(detectEncoding(bytes('email,phone\na@b.fr,0612345678\n'))).toBe('ascii');
  });

  it('recognises UTF-16 byte order marks', () => {
    expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x65, 0]))).toBe('utf-16le');
    expect(detectEncoding(Uint8Array.from([0xfe, 0xff, 0, 0x65]))).toBe('utf-16be');
  });

  it('accepts a multi-byte character cut by the end of the sample', () => {
    const text = bytes('Léa');
    expect(isUtf8Sample(text.subarray(0, 2))).toBe(true);
    expect(detectEncoding(Uint8Array.from([...bytes('nom\nL'), 0xc3]))).toBe('utf-8');
  });
});

describe('detectDelimiter', () => {
  it('finds the semicolon of a French export', () => {
    expect(detectDelimiter('Email;Prénom;Montant\na@b.fr;Léa;1,5\nc@d.fr;Hugo;2,25\n')).toBe(';');
  });

  it('finds commas', () => {
    expect(detectDelimiter('email,first name,company\na@b.fr,Léa,"Acme; Inc"\n')).toBe(',');
  });

  it('finds tabs', () => {
    expect(detectDelimiter('email\tphone\ta@b.fr\t0612345678\n')).toBe('\t');
  });

  it('ignores delimiters inside quoted cells, across line breaks', () => {
    const text = 'email;note\na@b.fr;"one, two, three\nfour, five"\nc@d.fr;"x, y"\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('prefers the delimiter that is consistent across rows', () => {
    // The header has one comma in a name and one semicolon; rows only agree on ';'.
    const text = 'email;"Nom, prénom"\na@b.fr;x\nc@d.fr;y\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('falls back to a comma for a single column file', () => {
    expect(detectDelimiter('email\na@b.fr\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it('does not trust the last record of a truncated sample', () => {
    const text = 'a;b;c\n1;2;3\n4;5';
    expect(detectDelimiter(text, false)).toBe(';');
  });
});

describe('countLineBreaks', () => {
  it('counts CRLF as one line break', () => {
    expect(countLineBreaks('1,"x\r\ny"\r\n')).toBe(2);
    expect(countLineBreaks('1,"x\ny"\n')).toBe(2);
    expect(countLineBreaks('a\rb\r')).toBe(2);
    expect(countLineBreaks('no break')).toBe(0);
  });
});
