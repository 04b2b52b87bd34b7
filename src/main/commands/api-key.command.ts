import { parseArgs } from 'node:util';
import type { Config } from '../../config/env.ts';
import { createApiKey, ensureInitialWorkspace, workspaces } from '../../modules/access/index.ts';
import { closeAppContext, createAppContext } from '../context.ts';

const USAGE = 'Usage: chaud api-key create --name NAME [--workspace WORKSPACE_ID]';

export async function runApiKeyCommand(args: string[], config: Config): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, workspace: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals[0] !== 'create' || !values.name) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const ctx = await createAppContext(config, { purpose: 'chaud api-key' });
  try {
    await ensureInitialWorkspace(ctx);
    const workspaceId =
      values.workspace ??
      (await ctx.db.select({ id: workspaces.id }).from(workspaces).orderBy(workspaces.createdAt).limit(1))[0]
        ?.id;
    if (!workspaceId) throw new Error('No workspace found');
    const key = await createApiKey(ctx, workspaceId, { name: values.name });
    process.stdout.write(
      `API key "${key.name}" (${key.id}) for workspace ${workspaceId}:\n${key.key}\nIt is shown once; store it now.\n`,
    );
    return 0;
  } finally {
    await closeAppContext(ctx);
  }
}
