import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  evaluateTable,
  formatEvaluationReport,
  LabelError,
  readCsvTable,
  toJsonReport,
} from '../../modules/scoring/index.ts';
import { type ContextOpener, runModelTrainCommand } from './model-train.command.ts';

const USAGE = `Usage: chaud model evaluate --csv FILE --label COLUMN [options]
       chaud model train [--workspace ID] [--csv FILE --label COLUMN] (run 'chaud model train --help')

Evaluates the predictive lead model on past leads with a known outcome, against two baselines
fitted on the same stratified folds: an L2 logistic regression and a naive Bayes of won/lost
frequencies per categorical value (the classic CRM lead scoring, as Odoo does it); a naive Bayes
with numeric columns binned too is shown for information. Any CSV works: the encoding (UTF-8 with or without
BOM, UTF-16, Windows-1252) and the delimiter (, ; tab |) are detected; blanks and placeholders
such as "Select" count as missing.

Options:
  --csv FILE              the leads, one per row (required)
  --label COLUMN          the outcome column: 1/0, yes/no, true/false, Won/Lost… (required)
  --positive VALUE        the label value that means success (default: inferred and reported)
  --exclude a,b           columns never to learn from (repeatable)
  --keep a,b              columns to learn from even if the leak guard flags them (repeatable)
  --time-column COLUMN    also train on the oldest 80% and test on the newest 20% by this column
  --folds N               cross-validation folds (default 5)
  --seed N                seed for folds and trees (default 42): same seed, same figures
  --json                  print one JSON object on stdout instead of the tables
  -h, --help              show this help

The leak guard leaves out columns that look filled after the first contact (near-perfect
predictors, identifiers, names such as tags, status, score, last activity); each is listed with
its reason (stderr, or "excluded" in the JSON).
'chaud model train' trains the workspace model (on its won/lost leads, or on a CSV) and scores
every lead with it.
Exit codes: 0 done; 1 the file could not be read; 2 usage error (options, label column).`;

const ZEvaluateArgs = z.object({
  csv: z.string().min(1, '--csv FILE is required'),
  label: z.string().min(1, '--label COLUMN is required'),
  positive: z.string().optional(),
  folds: z.coerce.number().int().min(2).max(20).default(5),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
});

function splitList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function parseModelArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      csv: { type: 'string' },
      label: { type: 'string' },
      positive: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      keep: { type: 'string', multiple: true },
      'time-column': { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

type Output = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

/** `chaud model evaluate` (thin shell over evaluateTable) and `chaud model train` (its own file). */
export async function runModelCommand(
  args: string[],
  io: Output,
  deps: { openContext?: ContextOpener } = {},
): Promise<number> {
  if (args[0] === 'train') return runModelTrainCommand(args.slice(1), io, deps.openContext);
  const usageError = (message: string) => {
    io.stderr.write(`chaud model: ${message}\nRun 'chaud model --help' for the options.\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parseModelArgs>;
  try {
    parsed = parseModelArgs(args);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [subcommand, ...extra] = positionals;
  if (values.help || subcommand === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (subcommand !== 'evaluate')
    return usageError(
      subcommand ? `unknown subcommand "${subcommand}".` : 'a subcommand is required: evaluate or train.',
    );
  if (extra.length > 0) return usageError(`unexpected argument "${extra[0]}".`);
  const checked = ZEvaluateArgs.safeParse({
    csv: values.csv ?? '',
    label: values.label ?? '',
    positive: values.positive,
    folds: values.folds,
    seed: values.seed,
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return usageError(
      issue
        ? `${issue.path.length > 0 ? `--${issue.path.join('.')}: ` : ''}${issue.message}`
        : 'invalid options',
    );
  }
  const options = checked.data;

  const started = performance.now();
  let table: Awaited<ReturnType<typeof readCsvTable>>;
  try {
    table = await readCsvTable(options.csv);
  } catch (error) {
    io.stderr.write(`chaud model: cannot read ${options.csv}: ${(error as Error).message}\n`);
    return 1;
  }
  let report: ReturnType<typeof evaluateTable>;
  try {
    report = evaluateTable(table, {
      label: options.label,
      positive: options.positive,
      exclude: splitList(values.exclude),
      keep: splitList(values.keep),
      timeColumn: values['time-column'],
      folds: options.folds,
      seed: options.seed,
    });
  } catch (error) {
    if (error instanceof LabelError) return usageError(error.message);
    throw error;
  }

  if (values.json) {
    io.stdout.write(`${JSON.stringify(toJsonReport(report))}\n`);
    return 0;
  }
  io.stderr.write(
    `chaud model: read ${table.rows.length} rows (${table.encoding}, delimiter ${JSON.stringify(table.delimiter)}); ` +
      `positive label = "${report.label.positive}" (${report.label.reason})\n`,
  );
  for (const { column, reason } of report.excluded)
    io.stderr.write(`chaud model: excluded "${column}": ${reason}\n`);
  io.stdout.write(formatEvaluationReport(report));
  io.stderr.write(`chaud model: evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
