import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertRole } from '../modules/access/index.ts';
import type { AppContext } from '../platform/context.ts';
import { actorOf } from '../platform/http/auth.ts';
import { ZErrorResponse } from '../platform/http/schemas.ts';
import { getDemoStatus, loadDemoData, removeDemoData } from './demo-data.workflow.ts';

const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 409: ZErrorResponse };

const ZDemoCounts = z.object({
  leads: z.number().int(),
  events: z.number().int(),
  conversations: z.number().int(),
  messages: z.number().int(),
  bookings: z.number().int(),
  users: z.number().int(),
});
const ZDemoStatus = z.object({ isLoaded: z.boolean(), counts: ZDemoCounts });
/** A few hundred leads is the point; the cap keeps one request from holding a transaction for long. */
const ZLoadBody = z.object({ leads: z.number().int().min(1).max(2_000).optional() }).strict();

/** Demo data of the caller's workspace: whether it is loaded, load it, remove it (admins). */
export const demoDataRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/v1/demo', {
    schema: {
      tags: ['demo'],
      summary: 'Whether demo data is loaded, with the number of demo rows of each kind',
      response: { 200: ZDemoStatus },
    },
    handler: async (request) => getDemoStatus(ctx.db, actorOf(request).workspaceId),
  });

  app.post('/api/v1/demo', {
    schema: {
      tags: ['demo'],
      summary: 'Load demo leads, events, conversations and meetings over the last 90 days (admin)',
      body: ZLoadBody.nullish(),
      response: { 201: ZDemoStatus, ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      const counts = await loadDemoData(ctx, actor.workspaceId, { leads: request.body?.leads });
      return reply.status(201).send({ isLoaded: true, counts });
    },
  });

  app.delete('/api/v1/demo', {
    schema: {
      tags: ['demo'],
      summary: 'Remove every demo lead with its history, and the demo reps (admin)',
      response: { 200: z.object({ removed: ZDemoCounts }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return { removed: await removeDemoData(ctx, actor.workspaceId) };
    },
  });
};
