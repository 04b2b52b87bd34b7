/** Text of the import's progress line and final summary (pure: the CLI decides where and when). */

export interface ImportCounts {
  rowsRead: number;
  created: number;
  updated: number;
  mergeProposals: number;
  rejected: number;
}

export interface ImportProgress extends ImportCounts {
  bytesRead: number;
  totalBytes: number;
  /** Milliseconds since the import started. */
  elapsedMs: number;
}

const BAR_WIDTH = 24;

/** 1234567 → "1 234 567": a thin grouping readable in French and English alike. */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Seconds → "0:07", "12:34", "1:02:03". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
}

/** "[#########---------------]  37%  10.2 MB/27.5 MB  8 120 rows/s  ETA 0:21  rows 81 000, rejected 3" */
export function formatImportProgress(progress: ImportProgress, options: { withBar: boolean }): string {
  const fraction = progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 1;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const rate = rowsPerSecond(progress.rowsRead, progress.elapsedMs);
  // ETA from the byte rate: rows vary in size, bytes are what is left to read.
  const byteRate = progress.elapsedMs > 0 ? progress.bytesRead / progress.elapsedMs : 0;
  const eta =
    fraction >= 1
      ? '0:00'
      : byteRate > 0
        ? formatDuration((progress.totalBytes - progress.bytesRead) / byteRate / 1000)
        : '?';
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = options.withBar ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` : '';
  return (
    `${bar}${percent}  ${formatBytes(progress.bytesRead)}/${formatBytes(progress.totalBytes)}  ` +
    `${formatCount(rate)} rows/s  ETA ${eta}  rows ${formatCount(progress.rowsRead)}, rejected ${formatCount(progress.rejected)}`
  );
}

export interface ImportSummaryText extends ImportCounts {
  durationMs: number;
  isDryRun: boolean;
  errorReportPath: string | null;
}

/** The final report, one fact per line. */
export function formatImportSummary(summary: ImportSummaryText): string {
  const seconds = summary.durationMs / 1000;
  const rows: [string, number][] = [
    ['rows read', summary.rowsRead],
    [summary.isDryRun ? 'would be created' : 'created', summary.created],
    [summary.isDryRun ? 'would be updated/matched' : 'updated/matched', summary.updated],
    ['merge proposals opened', summary.mergeProposals],
    ['rejected', summary.rejected],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `${summary.isDryRun ? 'Dry run finished' : 'Import finished'} in ${seconds.toFixed(1)} s ` +
      `(${formatCount(rowsPerSecond(summary.rowsRead, summary.durationMs))} rows/s)`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${formatCount(value).padStart(10)}`),
  ];
  if (summary.rejected > 0 && summary.errorReportPath) {
    lines.push(`Rejected rows are listed in ${summary.errorReportPath} (line, column, reason, value).`);
  }
  if (summary.isDryRun) lines.push('Dry run: nothing was written to the database.');
  return `${lines.join('\n')}\n`;
}
