import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { decodeSample } from './csv-decoder.ts';
import { csvImportErrors } from './csv-import.errors.ts';
import {
  type CsvDelimiter,
  detectDelimiter,
  detectEncoding,
  SNIFF_BYTES,
  type SniffedEncoding,
} from './csv-sniffer.rules.ts';

async function readSample(filePath: string): Promise<{ sample: Uint8Array; size: number }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(filePath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw csvImportErrors.fileNotFound(filePath);
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { sample: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

/** Counts bytes flowing through, for the progress bar. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

export interface SniffedFile {
  size: number;
  encoding: SniffedEncoding;
  delimiter: CsvDelimiter;
}

/** Reads the first ~64 KB of the file to guess its encoding and delimiter. */
export async function sniffCsvFile(filePath: string): Promise<SniffedFile> {
  const { sample, size } = await readSample(filePath);
  const encoding = detectEncoding(sample);
  const text = decodeSample(sample, encoding);
  return {
    size,
    encoding,
    delimiter: detectDelimiter(text, sample.length === size),
  };
}
