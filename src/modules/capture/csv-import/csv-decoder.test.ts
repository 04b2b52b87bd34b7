import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvDecoder, decodeSample } from './csv-decoder.ts';
import type { SniffedEncoding } from './csv-sniffer.rules.ts';

async function decode(encoding: SniffedEncoding, chunks: Buffer[]): Promise<{ text: string; as: string }> {
  const decoder = new CsvDecoder(encoding);
  let text = '';
  for await (const piece of Readable.from(chunks).pipe(decoder)) text += piece;
  return { text, as: decoder.decodedAs };
}

describe('CsvDecoder', () => {
  it('strips the UTF-8 BOM and keeps characters split across chunks', async () => {
    const bytes = Buffer.from('\uFEFFPrénom\nLéa\n', 'utf8');
    // Split inside the two bytes of "é".
    const split = bytes.indexOf(0xc3) + 1;
    const result = await decode('utf-8-bom', [bytes.subarray(0, split), bytes.subarray(split)]);
    expect(result.text).toBe('Prénom\nLéa\n');
  });

  it('decodes Windows-1252 (é, €, œ)', async () => {
    const bytes = Buffer.from([
      0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x3b, 0x80, 0x3b, 0x9c, 0x75, 0x76, 0x72, 0x65,
    ]);
    const result = await decode('windows-1252', [bytes]);
    expect(result.text).toBe('Prénom;€;œuvre');
    expect(result.as).toBe('windows-1252');
  });

  it('settles an ASCII guess on Windows-1252 when later bytes are not UTF-8', async () => {
    const result = await decode('ascii', [Buffer.from('email;nom\n'), Buffer.from([0x4c, 0xe9, 0x61, 0x0a])]);
    expect(result.text).toBe('email;nom\nLéa\n');
    expect(result.as).toBe('windows-1252');
  });

  it('settles an ASCII guess on UTF-8 when later bytes are UTF-8', async () => {
    const result = await decode('ascii', [Buffer.from('email;nom\n'), Buffer.from('Léa\n', 'utf8')]);
    expect(result.text).toBe('email;nom\nLéa\n');
    expect(result.as).toBe('utf-8');
  });

  it('decodes UTF-16 little-endian with its BOM', async () => {
    const result = await decode('utf-16le', [Buffer.from('\uFEFFemail\tnom\n', 'utf16le')]);
    expect(result.text).toBe('email\tnom\n');
  });

  it('decodes a sample for delimiter sniffing in the sniffed encoding', () => {
    expect(decodeSample(Buffer.from([0x4c, 0xe9, 0x61]), 'windows-1252')).toBe('Léa');
    expect(decodeSample(Buffer.from('Léa', 'utf8'), 'utf-8')).toBe('Léa');
  });
});
