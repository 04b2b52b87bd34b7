import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Chaud</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2328}a{color:#b42318}</style>
</head><body>
<h1>Chaud is running</h1>
<p>Lead capture, scoring and qualification. The web app is on its way; meanwhile the API is ready.</p>
<ul><li><a href="/docs">API reference (OpenAPI)</a></li><li><a href="/health">Health</a></li></ul>
</body></html>`;

export const systemRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/health',
    { config: { isPublic: true }, schema: { tags: ['system'], summary: 'Liveness' } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    { config: { isPublic: true }, schema: { tags: ['system'], summary: 'Database and jobs reachable' } },
    async (_request, reply) => {
      const checks: Record<string, 'ok' | string> = {};
      try {
        await ctx.handle.query('SELECT 1');
        checks.database = 'ok';
      } catch (error) {
        checks.database = (error as Error).message;
      }
      try {
        await ctx.jobs.boss.getQueue(ctx.outbox.dispatchJob.name);
        checks.jobs = 'ok';
      } catch (error) {
        checks.jobs = (error as Error).message;
      }
      const isReady = Object.values(checks).every((value) => value === 'ok');
      return reply.status(isReady ? 200 : 503).send({ status: isReady ? 'ready' : 'not_ready', checks });
    },
  );

  app.get('/', { config: { isPublic: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return PLACEHOLDER_PAGE;
  });
};
