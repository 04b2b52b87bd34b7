import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/env.ts';
import {
  CSV_IMPORT_USAGE_CODES,
  DEFAULT_IMPORT_BATCH_SIZE,
  formatImportProgress,
  formatImportSummary,
  IMPORT_TARGETS,
  type ImportProgress,
  importLeadsFromCsv,
  parseConsentOption,
  parseMapOption,
  resolveWorkspaceId,
} from '../../modules/capture/index.ts';
import { AppError } from '../../platform/errors.ts';
import { closeAppContext, createAppContext } from '../context.ts';
import { createProgressLine } from './progress-line.ts';

const USAGE = `Usage: chaud import FILE.csv [options]

Imports leads from a CSV file of any size (streamed, ${DEFAULT_IMPORT_BATCH_SIZE} rows per transaction).
Encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and delimiter (, ; tab) are detected.
Columns are recognised from common French and English headers: email/courriel, téléphone/phone/mobile,
prénom/first name, nom/last name, société/company, poste/job title, pays/country, langue/language,
site web/website, effectif/company size, secteur/industry, source, utm_source… (case and accents ignored).
Other columns are kept as lead attributes. A row matching an existing lead (same email or phone)
updates it; the same person twice in the file gives one lead.

Options:
  --map "Col A=email,Col B=firstName"  map columns yourself; targets: ${IMPORT_TARGETS.join(', ')},
                              attributes.KEY, ignore (repeatable)
  --ignore-unmapped           drop unrecognised columns instead of keeping them as attributes
  --workspace ID              workspace to import into (default: the first workspace)
  --source NAME               source of the imported leads (default: import; a 'source' column wins)
  --consent PURPOSE:CHANNEL   record a GRANTED consent (method 'import') for EVERY imported row,
                              e.g. marketing_email:email — only if you hold each person's consent
  --errors FILE               error report (default: FILE.errors.csv beside the input)
  --dry-run                   validate and count everything, write nothing to the database
  --batch-size N              rows per transaction (default ${DEFAULT_IMPORT_BATCH_SIZE})
  -h, --help                  show this help

Progress goes to stderr, the summary to stdout. Rejected rows (invalid email or phone, no identity…)
do not stop the import: they are listed in the error report (line, column, reason, value).
Exit codes: 0 finished, even with rejected rows; 1 fatal error; 2 usage error (options, --map, header).`;

function usageError(message: string): number {
  process.stderr.write(`chaud import: ${message}\nRun 'chaud import --help' for the options.\n`);
  return 2;
}

function parseImportArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      map: { type: 'string', multiple: true },
      'ignore-unmapped': { type: 'boolean', default: false },
      workspace: { type: 'string' },
      source: { type: 'string' },
      consent: { type: 'string' },
      errors: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** `chaud import FILE.csv`: thin shell over importLeadsFromCsv (argument parsing, progress, summary). */
export async function runImportCommand(args: string[], config: Config): Promise<number> {
  let parsed: ReturnType<typeof parseImportArgs>;
  try {
    parsed = parseImportArgs(args);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) return usageError('give exactly one CSV file to import.');
  const filePath = positionals[0]!;
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : DEFAULT_IMPORT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    return usageError('--batch-size takes a whole number from 1 to 10000.');
  }
  const source = values.source?.trim() || 'import';
  if (source.length > 100) return usageError('--source is at most 100 characters.');
  let mapEntries: ReturnType<typeof parseMapOption>;
  let consent: ReturnType<typeof parseConsentOption> | undefined;
  try {
    mapEntries = parseMapOption(values.map ?? []);
    consent = values.consent ? parseConsentOption(values.consent) : undefined;
  } catch (error) {
    if (error instanceof AppError) return usageError(`${error.message} [${error.code}]`);
    throw error;
  }

  // Checked before opening the database, which takes seconds on the embedded one.
  if (!fs.existsSync(filePath)) return usageError(`cannot read "${filePath}": no such file.`);

  const ctx = await createAppContext(config, { purpose: 'chaud import' });
  const progressLine = createProgressLine(process.stderr, { isTTY: process.stderr.isTTY === true });
  let last: ImportProgress | null = null;
  try {
    const workspaceId = await resolveWorkspaceId(ctx.db, values.workspace);
    const summary = await importLeadsFromCsv(ctx, {
      filePath,
      workspaceId,
      source,
      mapEntries,
      ignoreUnmapped: values['ignore-unmapped'],
      consent,
      errorReportPath: values.errors,
      isDryRun: values['dry-run'],
      batchSize,
      onProgress: (progress) => {
        last = progress;
        progressLine.update(() => formatImportProgress(progress, { withBar: process.stderr.isTTY === true }));
      },
    });
    if (last) progressLine.finish(formatImportProgress(last, { withBar: process.stderr.isTTY === true }));
    process.stderr.write(
      `Read ${filePath} as ${summary.encoding}, delimiter ${JSON.stringify(summary.delimiter)}; columns: ${summary.mapping.join(', ')}\n`,
    );
    process.stdout.write(formatImportSummary(summary));
    return 0;
  } catch (error) {
    progressLine.clear();
    if (error instanceof AppError && CSV_IMPORT_USAGE_CODES.has(error.code)) {
      return usageError(`${error.message} [${error.code}]`);
    }
    throw error;
  } finally {
    await closeAppContext(ctx);
  }
}
