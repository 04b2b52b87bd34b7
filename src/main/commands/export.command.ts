import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/env.ts';
import {
  exportLeads,
  formatCount,
  type LeadExportFormat,
  resolveWorkspaceId,
} from '../../modules/capture/index.ts';
import { AppError } from '../../platform/errors.ts';
import { closeAppContext, createAppContext } from '../context.ts';
import { createProgressLine } from './progress-line.ts';

const USAGE = `Usage: chaud export leads [--format csv|jsonl] [--output FILE] [--workspace ID]

Streams every lead of a workspace (merged duplicates excluded), oldest first, to stdout or a file.
  --format csv     (default) header row, UTF-8 with a byte order mark so Excel shows accents right;
                   cells starting with = + - @ tab or carriage return get a leading ' so a spreadsheet
                   never runs them as formulas (phone numbers show as '+33…); attributes in one JSON column
  --format jsonl   one lead per line, in the API's lead shape
  --output FILE    write to FILE instead of stdout
  --workspace ID   workspace to export (default: the first workspace)
Progress goes to stderr for large exports. Exit codes: 0 done, 1 fatal error, 2 usage error.`;

// Below this many leads an export is instant: no progress line.
const PROGRESS_THRESHOLD = 10_000;

function usageError(message: string): number {
  process.stderr.write(`chaud export: ${message}\n${USAGE}\n`);
  return 2;
}

function parseExportArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'csv' },
      output: { type: 'string', short: 'o' },
      workspace: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function endStream(stream: fs.WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/** `chaud export leads`: thin shell over exportLeads (arguments, output stream, progress). */
export async function runExportCommand(args: string[], config: Config): Promise<number> {
  let parsed: ReturnType<typeof parseExportArgs>;
  try {
    parsed = parseExportArgs(args);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'leads')
    return usageError('only "leads" can be exported.');
  if (values.format !== 'csv' && values.format !== 'jsonl') return usageError('--format is csv or jsonl.');
  const format: LeadExportFormat = values.format;

  const ctx = await createAppContext(config, { purpose: 'chaud export' });
  let file: fs.WriteStream | null = null;
  try {
    const workspaceId = await resolveWorkspaceId(ctx.db, values.workspace);
    let output: Writable = process.stdout;
    if (values.output) {
      file = fs.createWriteStream(values.output);
      output = file;
    } else {
      // A closed pipe (`| head`) ends the export quietly instead of crashing on EPIPE.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(0);
      });
    }
    const isTTY = process.stderr.isTTY === true;
    const progressLine = createProgressLine(process.stderr, { isTTY });
    let isShowingProgress = false;
    const { leadsWritten } = await exportLeads(ctx, output, {
      workspaceId,
      format,
      onProgress: ({ leadsWritten: done, totalLeads }) => {
        if (totalLeads < PROGRESS_THRESHOLD) return;
        isShowingProgress = true;
        progressLine.update(
          () =>
            `${Math.floor((done / totalLeads) * 100)}%  ${formatCount(done)}/${formatCount(totalLeads)} leads`,
        );
      },
    });
    if (file) await endStream(file);
    const message = `Exported ${formatCount(leadsWritten)} leads${values.output ? ` to ${values.output}` : ''}.`;
    if (isShowingProgress) progressLine.finish(message);
    else process.stderr.write(`${message}\n`);
    return 0;
  } catch (error) {
    file?.destroy();
    if (error instanceof AppError && error.code === 'WORKSPACE_NOT_FOUND') return usageError(error.message);
    throw error;
  } finally {
    await closeAppContext(ctx);
  }
}
