import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { AppContext } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db/database.ts';
import { refreshPlannerStatistics } from '../../../platform/db/planner-statistics.ts';
import { AppError } from '../../../platform/errors.ts';
import { truncateText } from '../../../platform/text.ts';
import { captureLeadsInBulk } from '../../../workflows/lead-bulk-intake.workflow.ts';
import {
  captureLead,
  type LeadIntake,
  type LeadIntakeResult,
} from '../../../workflows/lead-intake.workflow.ts';
import type { ConsentInput } from '../../privacy/index.ts';
import { CsvDecoder, type DecodedAs } from './csv-decoder.ts';
import { csvImportErrors } from './csv-import.errors.ts';
import { defaultErrorReportPath } from './csv-import.options.ts';
import { type CsvDelimiter, countLineBreaks } from './csv-sniffer.rules.ts';
import { ByteCounter, sniffCsvFile } from './csv-source.ts';
import { ErrorReportWriter } from './error-report.writer.ts';
import {
  type ColumnMapping,
  describeMapping,
  hasIdentityColumn,
  type MapEntry,
  mapColumns,
} from './header-mapping.rules.ts';
import type { ImportCounts, ImportProgress } from './import-progress.rules.ts';
import { type LeadRowValues, readLeadRow } from './row-to-lead.rules.ts';

export interface CsvImportOptions {
  filePath: string;
  workspaceId: string;
  /** Touch source of every row without a source column, and the event source; default `import`. */
  source?: string;
  mapEntries?: MapEntry[];
  ignoreUnmapped?: boolean;
  /** Granted consent recorded for every imported row (method `import`), from `--consent purpose:channel`. */
  consent?: ConsentInput;
  /** Default: `NAME.errors.csv` beside the input. */
  errorReportPath?: string;
  isDryRun?: boolean;
  /** Captures per transaction. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Monotonic milliseconds for rates and durations (not domain time). */
  now?: () => number;
}

export interface CsvImportSummary extends ImportCounts {
  durationMs: number;
  isDryRun: boolean;
  /** Null when no row was rejected (no report file is written then). */
  errorReportPath: string | null;
  encoding: DecodedAs;
  delimiter: CsvDelimiter;
  mapping: string[];
}

export const DEFAULT_IMPORT_BATCH_SIZE = 500;
/** Rows read between two checks of the planner statistics. */
const STATISTICS_CHECK_ROWS = 2_000;
// A record this long is an unclosed quote swallowing the file, not a lead: stop rather than buffer it all.
const MAX_RECORD_CHARS = 1024 * 1024;
const MAX_ATTRIBUTE_COLUMNS = 100;

interface PendingRow {
  line: number;
  lead: LeadRowValues;
}

class DryRunRollback extends Error {}

/**
 * Streams a CSV of any size into leads: sniff encoding and delimiter, map the header, validate each
 * row, then capture valid rows in transactions of `batchSize`. A failed batch is retried row by row
 * so one bad write cannot roll back its neighbours. Rejected rows go to the error report.
 * With `isDryRun` everything runs in one transaction that is rolled back at the end, so the counts
 * (created vs matched, duplicates within the file) are exactly those a real run would give.
 */
export async function importLeadsFromCsv(
  ctx: AppContext,
  options: CsvImportOptions,
): Promise<CsvImportSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const source = options.source ?? 'import';
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  const isDryRun = options.isDryRun ?? false;
  const importFile = path.basename(options.filePath);
  const consents = options.consent ? [options.consent] : [];
  const { size, encoding, delimiter } = await sniffCsvFile(options.filePath);

  const counts: ImportCounts = { rowsRead: 0, created: 0, updated: 0, mergeProposals: 0, rejected: 0 };
  const report = new ErrorReportWriter(options.errorReportPath ?? defaultErrorReportPath(options.filePath));
  const counter = new ByteCounter();
  const decoder = new CsvDecoder(encoding);
  const parser = parse({
    delimiter,
    // Any line ending, even mixed within one file (hand-edited exports).
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    raw: true,
  });
  // Physical line where the next record starts (1 = header), for the error report.
  let line = 1;
  const skipped: { raw: string; code: string }[] = [];
  parser.on('skip', (error: Error & { code?: string; raw?: string }) => {
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      parser.destroy(
        new AppError(
          'CSV_IMPORT_RECORD_TOO_LONG',
          `A record after line ${line} is longer than ${MAX_RECORD_CHARS} characters: a quote is probably never closed.`,
          400,
        ),
      );
    } else skipped.push({ raw: error.raw ?? '', code: error.code ?? 'CSV_INVALID' });
  });
  pipeline(
    fs.createReadStream(options.filePath, { highWaterMark: 256 * 1024 }),
    counter,
    decoder,
    parser,
    () => {
      // Errors surface through the parser's iterator below.
    },
  );

  const progress = (): ImportProgress => ({
    ...counts,
    bytesRead: counter.bytes,
    totalBytes: size,
    elapsedMs: now() - startedAt,
  });
  const reject = async (rowLine: number, issues: Parameters<ErrorReportWriter['write']>[1]) => {
    counts.rejected += 1;
    await report.write(rowLine, issues);
  };
  const tally = (results: LeadIntakeResult[]) => {
    for (const result of results) {
      if (result.isCreated) counts.created += 1;
      else counts.updated += 1;
      counts.mergeProposals += result.mergeProposalIds.length;
    }
  };
  const toIntake = (row: PendingRow): LeadIntake => ({
    workspaceId: options.workspaceId,
    fields: row.lead.fields,
    touch: row.lead.touch,
    consents,
    proof: { method: 'import' },
    eventType: 'lead_captured',
    eventSource: source,
    eventProperties: { importFile, line: row.line },
    occurredAt: ctx.clock.now(),
    actor: null,
  });

  const writeBatch = async (executor: Database, rows: PendingRow[]): Promise<void> => {
    try {
      const results = await executor.transaction((tx) =>
        captureLeadsInBulk(ctx, options.workspaceId, rows.map(toIntake), tx as unknown as Database),
      );
      tally(results);
      return;
    } catch {
      // Fall through: retry each row alone so the good rows of this batch still land.
    }
    let lastFailure: unknown = null;
    let failures = 0;
    for (const row of rows) {
      try {
        // A real run retries a lost identity race inside captureLead; a dry run stays in its savepoints.
        const result = isDryRun
          ? await executor.transaction((tx) => captureLead(ctx, toIntake(row), tx as unknown as Database))
          : await captureLead(ctx, toIntake(row));
        tally([result]);
      } catch (error) {
        if (!(error instanceof AppError)) {
          failures += 1;
          lastFailure = error;
        }
        await reject(row.line, [
          { column: '', reason: error instanceof Error ? error.message : String(error), value: '' },
        ]);
      }
    }
    if (rows.length > 1 && failures === rows.length) throw csvImportErrors.writeFailed(lastFailure);
  };

  // Each few batches a real import refreshes the statistics of the tables it grows (see
  // planner-statistics.ts): one cheap read, and an ANALYZE each time a table about doubled.
  let rowsAtLastCheck = 0;
  const keepStatisticsFresh = async (executor: Database) => {
    if (isDryRun || counts.rowsRead - rowsAtLastCheck < STATISTICS_CHECK_ROWS) return;
    rowsAtLastCheck = counts.rowsRead;
    await refreshPlannerStatistics(executor);
  };

  const run = async (executor: Database): Promise<ColumnMapping> => {
    let mapping: ColumnMapping | null = null;
    let batch: PendingRow[] = [];
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const rowLine = line;
      line += countLineBreaks(raw);
      // Blank lines and rows of empty cells (";;;;" at the end of spreadsheet exports) carry nothing.
      if (record.every((cell) => cell.trim() === '')) continue;
      if (!mapping) {
        const headers = record.map((cell) => cell.trim());
        mapping = mapColumns(headers, options.mapEntries ?? [], {
          ignoreUnmapped: options.ignoreUnmapped ?? false,
        });
        if (!hasIdentityColumn(mapping)) throw csvImportErrors.noIdentityColumn(headers);
        const attributeColumns = mapping.columns.filter(({ target }) => target.kind === 'attribute').length;
        if (attributeColumns > MAX_ATTRIBUTE_COLUMNS)
          throw csvImportErrors.tooManyAttributes(attributeColumns);
        continue;
      }
      counts.rowsRead += 1;
      const reading = readLeadRow(record, mapping, { defaultCountry: ctx.config.defaultCountry, source });
      if (reading.isValid) batch.push({ line: rowLine, lead: reading.lead });
      else await reject(rowLine, reading.issues);
      if (batch.length >= batchSize) {
        await writeBatch(executor, batch);
        batch = [];
        await keepStatisticsFresh(executor);
      }
      if (counts.rowsRead % batchSize === 0) options.onProgress?.(progress());
    }
    if (batch.length > 0) await writeBatch(executor, batch);
    if (!mapping) throw csvImportErrors.emptyFile(options.filePath);
    // With relaxed quoting the parser only gives up at the end of the file (a quote never closed).
    for (const skip of skipped) {
      counts.rowsRead += 1;
      await reject(line, [
        {
          column: '',
          reason: `malformed CSV (${skip.code}): a quote opened here is never closed, so the last ${countLineBreaks(skip.raw) + (/[\r\n]$/.test(skip.raw) ? 0 : 1)} line(s) could not be read`,
          value: truncateText(skip.raw, 200),
        },
      ]);
    }
    return mapping;
  };

  let mapping: ColumnMapping;
  try {
    if (isDryRun) {
      let dryMapping: ColumnMapping | null = null;
      try {
        await ctx.db.transaction(async (outer) => {
          dryMapping = await run(outer as unknown as Database);
          throw new DryRunRollback();
        });
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
      mapping = dryMapping!;
    } else {
      mapping = await run(ctx.db);
    }
  } catch (error) {
    parser.destroy();
    throw error;
  } finally {
    await report.close();
  }
  options.onProgress?.(progress());
  return {
    ...counts,
    durationMs: now() - startedAt,
    isDryRun,
    errorReportPath: report.hasWritten ? report.path : null,
    encoding: decoder.decodedAs,
    delimiter,
    mapping: describeMapping(mapping),
  };
}
