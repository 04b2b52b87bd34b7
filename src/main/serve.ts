import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.ts';
import type { Config } from '../config/env.ts';
import { ensureInitialWorkspace, type InitialCredentials } from '../modules/access/index.ts';
import { applyWhatsAppEnvironment, startNluThread } from '../modules/conversations/index.ts';
import type { AppContext } from '../platform/context.ts';
import { closeAppContext, createAppContext } from './context.ts';
import { ensureWebBuild, WEB_DIST_DIR } from './web-build.ts';

export interface ServeOptions {
  workers: boolean;
}

function printCredentials(credentials: InitialCredentials, url: string): void {
  const lines = [
    '',
    '  First start: a workspace and an admin were created. This is shown once — keep it safe.',
    `  Web app:  ${url}`,
    `  Login:    ${credentials.email}`,
    `  Password: ${credentials.password ?? '(from CHAUD_ADMIN_PASSWORD)'}`,
    `  API key:  ${credentials.apiKey ?? '(from CHAUD_ADMIN_API_KEY)'}`,
    `  Try:      curl -H "Authorization: Bearer ${credentials.apiKey ?? '$CHAUD_ADMIN_API_KEY'}" ${url}/api/v1/leads`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * The API must come up even when the web app cannot be built (sources being edited, a broken checkout):
 * the error is logged and the last good build, if any, is served.
 */
async function buildWebApp(logger: AppContext['logger']): Promise<string | undefined> {
  try {
    const web = await ensureWebBuild((message) => logger.info(message));
    if (web.built) logger.info({ ms: web.ms }, 'web app built');
    return web.dir;
  } catch (error) {
    logger.error({ err: error }, 'the web app could not be built; serving the last build if there is one');
    return fs.existsSync(path.join(WEB_DIST_DIR, 'index.html')) ? WEB_DIST_DIR : undefined;
  }
}

/** `chaud serve`: HTTP API, web app and (unless --no-workers) the job workers in one process. */
export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const ctx = await createAppContext(config, { purpose: 'chaud serve' });
  const credentials = await ensureInitialWorkspace(ctx);
  const whatsappWorkspace = await applyWhatsAppEnvironment(ctx.db, config, ctx.clock.now());
  if (whatsappWorkspace)
    ctx.logger.info(
      { workspaceId: whatsappWorkspace },
      'WhatsApp number connected from WHATSAPP_* variables',
    );
  // Messages are understood in a thread of their own, which trains its classifier now (a few seconds)
  // rather than in the first lead's turn.
  startNluThread();
  const webDistDir = await buildWebApp(ctx.logger);
  const app = await buildApp(ctx, { logger: true, webDistDir });
  if (options.workers) await ctx.jobs.startWorkers();
  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    ctx.logger.info({ signal }, 'shutting down');
    await app.close().catch(() => {});
    await closeAppContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await closeAppContext(ctx);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  if (credentials) printCredentials(credentials, url);
  ctx.logger.info({ url, database: config.database.kind, workers: options.workers }, 'Chaud is listening');
}
