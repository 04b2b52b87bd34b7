import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  cleanHeader,
  detectEncoding,
  isPlaceholder,
  normalizeCell,
  sniffDelimiter,
} from './csv-sniffer.rules.ts';

describe('sniffDelimiter', () => {
  it('picks the comma for a plain CSV', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
  });

  it('picks the semicolon of a French Excel export even when values hold decimal commas', () => {
    expect(sniffDelimiter('nom;montant;ville\nDupont;12,5;Paris\nMartin;3,75;Lyon\n')).toBe(';');
  });

  it('picks the tab of a TSV', () => {
    expect(sniffDelimiter('a\tb\tc\r\n1\t2\t3\r\n4\t5\t6\r\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes', () => {
    expect(sniffDelimiter('"a;b","c;d"\n"1;2","3;4"\n"5;6","7;8"\n')).toBe(',');
  });

  it('still counts a trailing delimiter on every line as the delimiter', () => {
    expect(sniffDelimiter('a;b;\n1;2;\n3;4;\n')).toBe(';');
  });
});

describe('detectEncoding', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(detectEncoding(Buffer.from('prénom,ville\nRené,Orléans\n', 'utf8'))).toBe('utf-8');
  });

  it('reports a UTF-8 byte-order mark', () => {
    expect(detectEncoding(Buffer.from('\uFEFFa,b\n1,2\n', 'utf8'))).toBe('utf-8-bom');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    expect(detectEncoding(iconv.encode('prénom;société\nRené;Café €\n', 'win1252'))).toBe('windows-1252');
  });

  it('recognises UTF-16 little-endian by its mark', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
  });
});

describe('placeholders', () => {
  it('treats unanswered dropdowns and blanks as missing', () => {
    for (const value of ['Select', ' select ', '', '  ', 'N/A', 'null', '-', 'NaN']) {
      expect(isPlaceholder(value), value).toBe(true);
      expect(normalizeCell(value), value).toBeNull();
    }
  });

  it('keeps real values, trimmed, including zero and negative numbers', () => {
    expect(normalizeCell(' Google ')).toBe('Google');
    expect(normalizeCell('0')).toBe('0');
    expect(normalizeCell('-5')).toBe('-5');
    expect(normalizeCell(0)).toBe('0');
    expect(normalizeCell(false)).toBe('false');
    expect(normalizeCell(undefined)).toBeNull();
  });
});

describe('cleanHeader', () => {
  it('drops the nameless empty column a trailing comma creates and names other blanks by position', () => {
    const { names, keep } = cleanHeader([' \uFEFFId ', 'Source', '', 'Source', ''], (index) => index === 4);
    expect(names).toEqual(['Id', 'Source', 'column_3', 'Source (2)', 'column_5']);
    expect(keep).toEqual([true, true, true, true, false]);
  });
});
