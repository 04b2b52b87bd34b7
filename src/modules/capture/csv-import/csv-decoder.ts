import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import type { SniffedEncoding } from './csv-sniffer.rules.ts';

/** What the decoder finally read the file as (an `ascii` guess settles on the first non-ASCII bytes). */
export type DecodedAs = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'ascii';

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

function utf8Decoder(): ChunkDecoder {
  // Not fatal: a stray invalid byte deep in a UTF-8 file becomes U+FFFD rather than failing the import.
  const decoder = new TextDecoder('utf-8');
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

function iconvDecoder(encoding: string): ChunkDecoder {
  const decoder = iconv.getDecoder(encoding);
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

function hasHighByte(chunk: Buffer): boolean {
  for (let index = 0; index < chunk.length; index++) if (chunk[index]! > 0x7f) return true;
  return false;
}

/**
 * Bytes → text in the sniffed encoding, byte order mark removed. When the sniffed sample was pure
 * ASCII, the first chunk with a high byte decides: valid UTF-8 stays UTF-8, anything else is
 * Windows-1252 (the encoding of French Excel exports). Everything before it was ASCII, which both
 * encodings read the same, so switching then loses nothing.
 */
export class CsvDecoder extends Transform {
  decodedAs: DecodedAs;
  private decoder: ChunkDecoder | null;

  constructor(encoding: SniffedEncoding) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    this.decodedAs = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
    this.decoder =
      encoding === 'ascii'
        ? null
        : encoding === 'windows-1252'
          ? iconvDecoder('win1252')
          : encoding === 'utf-16le' || encoding === 'utf-16be'
            ? iconvDecoder(encoding)
            : utf8Decoder();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.decoder) {
      if (!hasHighByte(chunk)) {
        callback(null, chunk.toString('latin1'));
        return;
      }
      let isUtf8 = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
      this.decodedAs = isUtf8 ? 'utf-8' : 'windows-1252';
      this.decoder = isUtf8 ? utf8Decoder() : iconvDecoder('win1252');
    }
    callback(null, this.decoder.write(chunk));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.decoder?.end() ?? '');
  }
}

/** The sniffed sample as text, to choose the delimiter (a cut multi-byte tail is dropped). */
export function decodeSample(sample: Uint8Array, encoding: SniffedEncoding): string {
  if (encoding === 'windows-1252') return iconv.decode(Buffer.from(sample), 'win1252');
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return iconv.decode(Buffer.from(sample), encoding);
  return new TextDecoder('utf-8').decode(sample, { stream: true });
}
