import { existsSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes, readCsvTable } from './csv-table.reader.ts';

const fixture = path.join(import.meta.dirname, 'fixtures', 'messy-leads.csv');
const xEducation = path.resolve(import.meta.dirname, '../../../../../shared/datasets/x-education/Leads.csv');

describe('parseCsvBytes', () => {
  it('reads CRLF lines whose trailing comma adds an empty nameless column', async () => {
    const table = await parseCsvBytes(
      Buffer.from('Id,Source,Won,\r\n1,Google,1,\r\n2,Select,0,\r\n', 'utf8'),
    );
    expect(table.columns).toEqual(['Id', 'Source', 'Won']);
    expect(table.rows).toEqual([
      ['1', 'Google', '1'],
      ['2', null, '0'],
    ]);
  });

  it('reads quoted headers holding the delimiter, a BOM and blank cells', async () => {
    const table = await parseCsvBytes(
      Buffer.from('\uFEFF"Lead, source","Budget (€)"\n"Web, organic",\n"",1200\n', 'utf8'),
    );
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.columns).toEqual(['Lead, source', 'Budget (€)']);
    expect(table.rows).toEqual([
      ['Web, organic', null],
      [null, '1200'],
    ]);
  });

  it('decodes Windows-1252 with semicolons', async () => {
    const table = await parseCsvBytes(iconv.encode('Société;Intérêt\r\nCafé Dupré;Élevé\r\n', 'win1252'));
    expect(table.encoding).toBe('windows-1252');
    expect(table.delimiter).toBe(';');
    expect(table.columns).toEqual(['Société', 'Intérêt']);
    expect(table.rows).toEqual([['Café Dupré', 'Élevé']]);
  });

  it('reads tab-separated UTF-16 as Excel saves "Unicode text"', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a\tb\r\nx\ty\r\n', 'utf-16le')]);
    const table = await parseCsvBytes(bytes);
    expect(table.delimiter).toBe('\t');
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows).toEqual([['x', 'y']]);
  });

  it('pads short lines and skips empty ones', async () => {
    const table = await parseCsvBytes(Buffer.from('a,b,c\n1,2\n\n4,5,6\n', 'utf8'));
    expect(table.rows).toEqual([
      ['1', '2', null],
      ['4', '5', '6'],
    ]);
  });
});

describe('readCsvTable', () => {
  it('streams the messy fixture: cp1252, ";", CRLF, quoted headers, trailing delimiter, placeholders', async () => {
    const table = await readCsvTable(fixture);
    expect(table.encoding).toBe('windows-1252');
    expect(table.delimiter).toBe(';');
    expect(table.columns).toEqual([
      'Lead ID',
      'Source',
      'Pays',
      'Visites',
      'Durée (min)',
      'Budget; €',
      'Statut',
      'Converti',
    ]);
    expect(table.rows).toHaveLength(240);
    const sources = new Set(table.rows.map((row) => row[1]));
    expect(sources.has('Référence')).toBe(true);
    expect(sources.has('Select')).toBe(false);
    expect(sources.has(null)).toBe(true);
  });

  it.runIf(existsSync(xEducation))(
    'reads the x-education export (trailing comma on every line, CRLF)',
    async () => {
      const table = await readCsvTable(xEducation);
      expect(table.rows).toHaveLength(9240);
      expect(table.columns).toHaveLength(37);
      expect(table.columns.at(-1)).toBe('Last Notable Activity');
    },
  );
});
