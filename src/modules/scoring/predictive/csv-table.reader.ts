import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Delimiter, TextEncoding } from './csv-sniffer.rules.ts';
import {
  cleanHeader,
  detectBom,
  detectEncoding,
  normalizeCell,
  sniffDelimiter,
} from './csv-sniffer.rules.ts';

/** A CSV file as rows of cells; blanks and placeholders are already null. */
export type CsvTable = {
  columns: string[];
  rows: (string | null)[][];
  encoding: TextEncoding;
  delimiter: Delimiter;
};

const SNIFF_BYTES = 64 * 1024;

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Streams the whole file through a strict UTF-8 decoder: one invalid byte anywhere (an "é"
 * saved by Excel in cp1252 on line 8,000) means the file is not UTF-8.
 */
async function detectFileEncoding(path: string): Promise<TextEncoding> {
  const bom = detectBom(await readHead(path));
  if (bom) return bom;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function toIconvName(encoding: TextEncoding): string {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

/** Reads, decodes and parses a CSV file in one streaming pass (after a validation pass for the encoding). */
export async function readCsvTable(path: string): Promise<CsvTable> {
  const encoding = await detectFileEncoding(path);
  return parseEncodedStream(createReadStream(path), await readHead(path), encoding);
}

/** The same as readCsvTable for bytes already in memory (uploads, tests). */
export async function parseCsvBytes(bytes: Uint8Array): Promise<CsvTable> {
  const buffer = Buffer.from(bytes);
  return parseEncodedStream(Readable.from([buffer]), buffer.subarray(0, SNIFF_BYTES), detectEncoding(bytes));
}

async function parseEncodedStream(
  source: Readable,
  head: Uint8Array,
  encoding: TextEncoding,
): Promise<CsvTable> {
  const sample = iconv.decode(Buffer.from(head), toIconvName(encoding));
  const delimiter = sniffDelimiter(sample);
  const records: string[][] = [];
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  parser.on('data', (record: string[]) => {
    records.push(record);
  });
  // iconv strips a BOM while decoding; csv-parse's `bom` covers the UTF-8 case again harmlessly.
  await pipeline(source, iconv.decodeStream(toIconvName(encoding)), parser);
  return buildTable(records, encoding, delimiter);
}

/** Turns parsed records (header first) into a table. */
function buildTable(records: string[][], encoding: TextEncoding, delimiter: Delimiter): CsvTable {
  const [rawHeader = [], ...body] = records;
  // Lines may be longer than the header (a trailing comma on data lines only): widen with blank names.
  const width = Math.max(rawHeader.length, ...body.map((record) => record.length));
  const header = Array.from({ length: width }, (_, i) => rawHeader[i] ?? '');
  const isColumnEmpty = (index: number) => body.every((record) => normalizeCell(record[index]) === null);
  const { names, keep } = cleanHeader(header, isColumnEmpty);
  const kept = names.map((_, i) => i).filter((i) => keep[i]);
  const rows = body
    .filter((record) => record.some((cell) => cell.trim() !== ''))
    .map((record) => kept.map((i) => normalizeCell(record[i])));
  return { columns: kept.map((i) => names[i]!), rows, encoding, delimiter };
}
