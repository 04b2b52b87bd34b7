import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/env.ts';
import { resolveWorkspaceId } from '../../modules/capture/index.ts';
import {
  EVENT_WINDOW_DAYS,
  LabelError,
  MIN_LABELLED_LEADS,
  MIN_LEADS_PER_OUTCOME,
  readCsvTable,
  type TrainingResult,
  trainWorkspaceModel,
  trainWorkspaceModelFromCsv,
} from '../../modules/scoring/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { closeAppContext, createAppContext } from '../context.ts';

export const TRAIN_USAGE = `Usage: chaud model train [--workspace ID] [--csv FILE --label COLUMN [options]] [--json]

Trains the workspace's predictive model and makes it the active one, then gives every lead of the
workspace a calibrated probability of being won with its top 5 factors. The figures printed are
cross-validated (5 stratified folds, seed 42) against the logistic and naive Bayes baselines.

Without --csv: learns from the workspace's own leads with a known outcome — stage "customer" is
won, "disqualified" (or a lost event) is lost, the others are left out. Features are what is known
when a lead arrives (source, country, language, company size and industry, job title group, free or
corporate e-mail, first-touch utm source/medium) and its events by type in the first ${EVENT_WINDOW_DAYS} days.
It needs ${MIN_LABELLED_LEADS} labelled leads or more, with at least ${MIN_LEADS_PER_OUTCOME} won and ${MIN_LEADS_PER_OUTCOME} lost.

With --csv: learns from the file's columns (minus what the leak guard leaves out) and stores that
model for the workspace; leads are then read by column name (a lead attribute of that name, as
'chaud import' keeps unrecognised columns, else the lead field of that name).

Options:
  --workspace ID          the workspace (default: the first one)
  --csv FILE              train on this file instead of the workspace's leads
  --label COLUMN          the outcome column of the file (required with --csv)
  --positive VALUE        the label value that means won (default: inferred)
  --exclude a,b / --keep a,b   as for 'chaud model evaluate'
  --json                  print one JSON object (model id, metrics, leads scored)
  -h, --help              show this help

Exit codes: 0 trained; 1 the file could not be read; 2 usage error; 3 not enough labelled leads.`;

type Output = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
/** How the command reaches the database; tests pass the context of their harness. */
export type ContextOpener = () => Promise<{ ctx: AppContext; close(): Promise<void> }>;

const openDefaultContext: ContextOpener = async () => {
  const ctx = await createAppContext(loadConfig(), { purpose: 'chaud model train' });
  return { ctx, close: () => closeAppContext(ctx) };
};

function splitList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function formatFigure(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function formatResult(result: TrainingResult): string {
  const { metrics, trainedOn } = result.model;
  const baselines = (metrics.baselines ?? {}) as Record<string, unknown>;
  return [
    `Model ${result.model.id} is now active (${trainedOn.kind === 'csv' ? `trained on ${String(trainedOn.file)}` : 'trained on the workspace leads'}: ${String(trainedOn.won)} won, ${String(trainedOn.lost)} lost).`,
    `Cross-validated AUC ${formatFigure(metrics.auc)}, Brier ${formatFigure(metrics.brier)}; baselines: logistic ${formatFigure(baselines.logistic)}, naive Bayes ${formatFigure(baselines.naiveBayes)} (numerics binned ${formatFigure(baselines.naiveBayesBinned)}).`,
    `Features (${(metrics.features as string[] | undefined)?.length ?? 0}): ${((metrics.features as string[] | undefined) ?? []).join(', ')}`,
    `Leads scored: ${result.scored}.`,
    '',
  ].join('\n');
}

function parseTrainArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      csv: { type: 'string' },
      label: { type: 'string' },
      positive: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      keep: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** `chaud model train`: thin shell over trainWorkspaceModel / trainWorkspaceModelFromCsv. */
export async function runModelTrainCommand(
  args: string[],
  io: Output,
  openContext: ContextOpener = openDefaultContext,
): Promise<number> {
  const usageError = (message: string) => {
    io.stderr.write(`chaud model train: ${message}\nRun 'chaud model train --help' for the options.\n`);
    return 2;
  };
  let values: ReturnType<typeof parseTrainArgs>['values'];
  try {
    values = parseTrainArgs(args).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${TRAIN_USAGE}\n`);
    return 0;
  }
  if (values.csv === undefined && (values.label || values.positive || values.exclude || values.keep))
    return usageError('--label, --positive, --exclude and --keep go with --csv.');
  if (values.csv !== undefined && !values.label) return usageError('--label COLUMN is required with --csv.');
  // Checked before opening the database, which takes seconds on the embedded one.
  if (values.csv !== undefined && !fs.existsSync(values.csv)) {
    io.stderr.write(`chaud model train: cannot read ${values.csv}: no such file\n`);
    return 1;
  }

  const { ctx, close } = await openContext();
  try {
    const workspaceId = await resolveWorkspaceId(ctx.db, values.workspace);
    let result: TrainingResult;
    if (values.csv !== undefined) {
      const table = await readCsvTable(values.csv);
      result = await trainWorkspaceModelFromCsv(ctx, workspaceId, {
        table,
        file: values.csv,
        label: values.label!,
        positive: values.positive,
        exclude: splitList(values.exclude),
        keep: splitList(values.keep),
      });
    } else {
      result = await trainWorkspaceModel(ctx, workspaceId);
    }
    io.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatResult(result));
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'MODEL_NOT_ENOUGH_DATA') {
      io.stderr.write(`chaud model train: ${error.message} [${error.code}]\n`);
      return 3;
    }
    if (error instanceof LabelError) return usageError(error.message);
    if (error instanceof AppError) return usageError(`${error.message} [${error.code}]`);
    throw error;
  } finally {
    await close();
  }
}
