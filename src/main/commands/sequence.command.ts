import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { Config } from '../../config/env.ts';
import { ensureInitialWorkspace, workspaces } from '../../modules/access/index.ts';
import { createSequence, parseSequenceDefinition, updateSequence } from '../../modules/nurturing/index.ts';
import { systemActor } from '../../platform/context.ts';
import { closeAppContext, createAppContext } from '../context.ts';

const USAGE = `Usage: chaud sequence validate FILE
       chaud sequence create FILE [--workspace WORKSPACE_ID]
       chaud sequence update SEQUENCE_ID FILE [--workspace WORKSPACE_ID]

FILE is a sequence definition in YAML (.yaml, .yml) or JSON (the format of POST /api/v1/sequences).
validate checks it without a database; errors name their path (steps[3].duration: …).`;

interface Output {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Reads a definition file: YAML by extension, JSON otherwise. */
export function readDefinitionFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  return /\.ya?ml$/i.test(path.extname(file)) ? parseYaml(text) : JSON.parse(text);
}

export async function runSequenceCommand(
  args: string[],
  config: Config | null,
  output: Output,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { workspace: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [action, ...rest] = positionals;
  const file = action === 'update' ? rest[1] : rest[0];
  if (
    values.help ||
    !file ||
    !['validate', 'create', 'update'].includes(action ?? '') ||
    (action === 'update' && !rest[0])
  ) {
    output.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  let input: unknown;
  try {
    input = readDefinitionFile(file);
  } catch (error) {
    output.stderr.write(
      `chaud: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  if (action === 'validate') {
    const parsed = parseSequenceDefinition(input);
    if (parsed.ok) {
      output.stdout.write(`${file}: valid (${parsed.definition.steps.length} steps)\n`);
      return 0;
    }
    for (const error of parsed.errors) output.stderr.write(`${file}: ${error.path}: ${error.message}\n`);
    return 1;
  }
  if (!config) throw new Error('configuration required');
  const ctx = await createAppContext(config, { purpose: 'chaud sequence' });
  try {
    await ensureInitialWorkspace(ctx);
    const workspaceId =
      values.workspace ??
      (await ctx.db.select({ id: workspaces.id }).from(workspaces).orderBy(workspaces.createdAt).limit(1))[0]
        ?.id;
    if (!workspaceId) throw new Error('No workspace found');
    const actor = systemActor(workspaceId);
    const saved =
      action === 'create'
        ? await createSequence(ctx.db, actor, input, ctx.clock.now())
        : await updateSequence(ctx.db, actor, rest[0]!, input, ctx.clock.now());
    output.stdout.write(`sequence ${saved.id} version ${saved.version}\n`);
    return 0;
  } catch (error) {
    const details = (error as { details?: { path: string; message: string }[] }).details;
    if (Array.isArray(details)) {
      for (const detail of details) output.stderr.write(`${file}: ${detail.path}: ${detail.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await closeAppContext(ctx);
  }
}
