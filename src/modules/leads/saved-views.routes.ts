import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  ZSavedView,
  ZSavedViewInput,
} from './saved-views.service.ts';

const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };

/** Saved views of the leads list: named filters and sort, personal or shared with the workspace. */
export const savedViewsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/v1/saved-views', {
    schema: {
      tags: ['leads'],
      summary: "The caller's own saved views of the leads list and the workspace's shared ones",
      response: { 200: z.object({ data: z.array(ZSavedView) }) },
    },
    handler: async (request) => ({ data: await listSavedViews(ctx.db, actorOf(request)) }),
  });

  app.post('/api/v1/saved-views', {
    schema: {
      tags: ['leads'],
      summary:
        'Save filters and sort of the leads list under a name (unique per owner; shared: admin, marketer)',
      body: ZSavedViewInput,
      response: { 201: ZSavedView, ...errors },
    },
    handler: async (request, reply) => {
      const view = await createSavedView(ctx.db, actorOf(request), request.body, ctx.clock.now());
      return reply.code(201).send(view);
    },
  });

  app.delete('/api/v1/saved-views/:id', {
    schema: {
      tags: ['leads'],
      summary: 'Delete one of your views (admins also delete shared ones)',
      params: z.object({ id: z.string().min(1).max(100) }),
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await deleteSavedView(ctx.db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
};
