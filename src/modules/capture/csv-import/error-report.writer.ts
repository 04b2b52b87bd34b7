import { once } from 'node:events';
import fs from 'node:fs';
import { encodeCsvLine, UTF8_BOM } from '../csv-export/csv-cell.rules.ts';
import type { RowIssue } from './row-to-lead.rules.ts';

export const ERROR_REPORT_HEADER = ['line', 'column', 'reason', 'value'] as const;

/**
 * The rejected rows as CSV (UTF-8 with BOM so Excel shows accents; values formula-neutralised).
 * The file is created on the first rejection only, so a clean import leaves nothing behind.
 */
export class ErrorReportWriter {
  readonly path: string;
  private stream: fs.WriteStream | null = null;

  constructor(path: string) {
    this.path = path;
  }

  get hasWritten(): boolean {
    return this.stream !== null;
  }

  async write(line: number, issues: readonly RowIssue[]): Promise<void> {
    if (!this.stream) {
      this.stream = fs.createWriteStream(this.path, { encoding: 'utf8' });
      this.stream.write(UTF8_BOM + encodeCsvLine(ERROR_REPORT_HEADER));
    }
    const text = issues
      .map((issue) => encodeCsvLine([line, issue.column, issue.reason, issue.value]))
      .join('');
    // Backpressure: a file with a million bad rows must not pile up in memory.
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
}
