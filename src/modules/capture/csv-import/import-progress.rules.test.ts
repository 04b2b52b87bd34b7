import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatImportProgress,
  formatImportSummary,
} from './import-progress.rules.ts';

const progress = {
  rowsRead: 40_000,
  created: 39_000,
  updated: 990,
  mergeProposals: 2,
  rejected: 10,
  bytesRead: 4 * 1024 * 1024,
  totalBytes: 10 * 1024 * 1024,
  elapsedMs: 5_000,
};

describe('formatImportProgress', () => {
  it('shows percent of bytes, rows/s, ETA from the byte rate, and counts', () => {
    const line = formatImportProgress(progress, { withBar: true });
    expect(line).toBe(
      '[##########--------------]  40%  4.0 MB/10.0 MB  8 000 rows/s  ETA 0:08  rows 40 000, rejected 10',
    );
  });

  it('has no bar for plain output and a 0:00 ETA when done', () => {
    const line = formatImportProgress({ ...progress, bytesRead: progress.totalBytes }, { withBar: false });
    expect(line.startsWith('100%')).toBe(true);
    expect(line).toContain('ETA 0:00');
  });
});

describe('formatImportSummary', () => {
  it('lists the counts, duration, rate and where rejected rows are', () => {
    const text = formatImportSummary({
      ...progress,
      durationMs: 4_000,
      isDryRun: false,
      errorReportPath: '/tmp/leads.errors.csv',
    });
    expect(text).toContain('Import finished in 4.0 s (10 000 rows/s)');
    expect(text).toMatch(/created\s+39 000/);
    expect(text).toMatch(/updated\/matched\s+990/);
    expect(text).toMatch(/merge proposals opened\s+2/);
    expect(text).toMatch(/rejected\s+10/);
    expect(text).toContain('/tmp/leads.errors.csv');
    expect(text).not.toContain('Dry run');
  });

  it('says a dry run wrote nothing', () => {
    const text = formatImportSummary({ ...progress, durationMs: 1, isDryRun: true, errorReportPath: null });
    expect(text).toContain('Dry run: nothing was written to the database.');
    expect(text).toMatch(/would be created\s+39 000/);
  });
});

describe('number and time formats', () => {
  it('groups thousands and writes durations', () => {
    expect(formatCount(1234567)).toBe('1 234 567');
    expect(formatCount(999)).toBe('999');
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(754)).toBe('12:34');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});
