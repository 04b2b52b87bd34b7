import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';

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
};
