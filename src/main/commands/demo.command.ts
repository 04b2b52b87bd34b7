import { parseArgs } from 'node:util';
import type { Config } from '../../config/env.ts';
import { ensureInitialWorkspace, workspaces } from '../../modules/access/index.ts';
import { AppError } from '../../platform/errors.ts';
import { type DemoCounts, loadDemoData, removeDemoData } from '../../workflows/demo-data.workflow.ts';
import { closeAppContext, createAppContext } from '../context.ts';
import { createProgressLine } from './progress-line.ts';

const USAGE = `Usage: chaud demo [--leads N] [--workspace WORKSPACE_ID]
       chaud demo --remove [--workspace WORKSPACE_ID]

Loads demo data into the workspace (default: the first one): N synthetic leads (default 300) with
events, conversations, scores and meetings over the last 90 days, marked as demo (nothing is sent).
--remove deletes every demo lead with its history and the demo reps; real leads are not touched.`;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

function describeCounts(counts: DemoCounts): string {
  return `${counts.leads} leads, ${counts.events} events, ${counts.conversations} conversations (${counts.messages} messages), ${counts.bookings} meetings, ${counts.users} demo reps`;
}

export async function runDemoCommand(
  args: string[],
  config: Config,
  output: Output = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      remove: { type: 'boolean', default: false },
      leads: { type: 'string' },
      workspace: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const leads = values.leads === undefined ? undefined : Number(values.leads);
  if (values.help || (leads !== undefined && !(Number.isInteger(leads) && leads >= 1 && leads <= 20_000))) {
    output.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  // Opening the embedded database fails clearly when a running server holds its folder.
  const ctx = await createAppContext(config, { purpose: 'chaud demo' });
  const progressLine = createProgressLine(output.stderr, { isTTY: output.stderr.isTTY === true });
  try {
    await ensureInitialWorkspace(ctx);
    const workspaceId =
      values.workspace ??
      (await ctx.db.select({ id: workspaces.id }).from(workspaces).orderBy(workspaces.createdAt).limit(1))[0]
        ?.id;
    if (!workspaceId) throw new Error('No workspace found');
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    if (values.remove) {
      progressLine.update(() => 'Removing demo data…');
      const removed = await removeDemoData(ctx, workspaceId);
      progressLine.finish(`Removed demo data from workspace ${workspaceId} in ${seconds()} s.`);
      output.stdout.write(`removed: ${describeCounts(removed)}\n`);
      return 0;
    }
    const counts = await loadDemoData(ctx, workspaceId, {
      leads,
      onProgress: (step, done, total) =>
        progressLine.update(() => `Loading demo data: ${step} (${done}/${total} leads, ${seconds()} s)`),
    });
    progressLine.finish(`Loaded demo data into workspace ${workspaceId} in ${seconds()} s.`);
    output.stdout.write(`loaded: ${describeCounts(counts)}\n`);
    return 0;
  } catch (error) {
    progressLine.clear();
    if (error instanceof AppError) {
      output.stderr.write(`chaud: ${error.message} [${error.code}]\n`);
      return 1;
    }
    throw error;
  } finally {
    await closeAppContext(ctx);
  }
}
