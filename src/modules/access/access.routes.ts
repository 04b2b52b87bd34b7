import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, SESSION_COOKIE } from '../../platform/http/auth.ts';
import { ZApiKey, ZCreateApiKeyInput, ZCreateUserInput, ZLoginInput, ZUser } from './access.schemas.ts';
import {
  assertRole,
  createApiKey,
  createUser,
  getUser,
  listApiKeys,
  listUsers,
  logIn,
  logOut,
  revokeApiKey,
} from './access.service.ts';

const ZIdParams = z.object({ id: z.string().min(1).max(100) });

export const accessRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/v1/auth/login', {
    config: { isPublic: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Log in and receive a session cookie', body: ZLoginInput },
    handler: async (request, reply) => {
      const session = await logIn(ctx, request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.publicUrl.startsWith('https://'),
        expires: session.expiresAt,
      });
      return { user: session.user };
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { isPublic: true },
    schema: { tags: ['auth'] },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  app.get('/api/v1/me', {
    schema: { tags: ['auth'], summary: 'The caller: workspace, user and role' },
    handler: async (request) => {
      const actor = actorOf(request);
      const user = actor.userId ? await getUser(ctx, actor.workspaceId, actor.userId) : null;
      return { workspaceId: actor.workspaceId, role: actor.role, via: actor.via, user };
    },
  });

  app.get('/api/v1/users', {
    schema: { tags: ['users'], response: { 200: z.object({ data: z.array(ZUser) }) } },
    handler: async (request) => {
      const actor = actorOf(request);
      return { data: await listUsers(ctx, actor.workspaceId) };
    },
  });

  app.post('/api/v1/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user (admin)',
      body: ZCreateUserInput,
      response: { 201: ZUser },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      const user = await createUser(ctx, actor.workspaceId, request.body);
      return reply.status(201).send(user);
    },
  });

  app.get('/api/v1/users/:id', {
    schema: { tags: ['users'], params: ZIdParams, response: { 200: ZUser } },
    handler: async (request) => getUser(ctx, actorOf(request).workspaceId, request.params.id),
  });

  app.get('/api/v1/api-keys', {
    schema: { tags: ['api-keys'], response: { 200: z.object({ data: z.array(ZApiKey) }) } },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return { data: await listApiKeys(ctx, actor.workspaceId) };
    },
  });

  app.post('/api/v1/api-keys', {
    schema: {
      tags: ['api-keys'],
      summary: 'Create an API key; the key is shown in this answer only',
      body: ZCreateApiKeyInput,
      response: { 201: z.object({ id: z.string(), name: z.string(), key: z.string() }) },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return reply.status(201).send(await createApiKey(ctx, actor.workspaceId, request.body));
    },
  });

  app.delete('/api/v1/api-keys/:id', {
    schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: ZIdParams },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      await revokeApiKey(ctx, actor.workspaceId, request.params.id);
      return reply.status(204).send();
    },
  });
};
