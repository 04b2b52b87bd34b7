import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { routeLeadNow } from '../../workflows/lead-routing.workflow.ts';
import { assertRole } from '../access/index.ts';
import { findVisibleLead } from '../leads/index.ts';
import {
  createRoutingRule,
  createTeam,
  deleteRoutingRule,
  deleteTeam,
  listRoutingRules,
  listTeams,
  loadRoutingSettings,
  saveRoutingSettings,
  updateTeam,
} from './routing-admin.service.ts';
import { listLeadAssignments } from './routing-records.service.ts';

const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };
const ZIdParams = z.object({ id: z.string().min(1).max(100) });
const ZAnyObject = z.record(z.string(), z.unknown());
const ZSettings = z
  .object({
    fallbackUserId: z.string().min(1).max(100).nullable(),
    capacity: z
      .object({
        maxOpenLeads: z.number().int().min(1).max(100_000),
        periodDays: z.number().int().min(1).max(365),
      })
      .strict()
      .nullable(),
  })
  .strict();

export const routingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/v1/teams', {
    schema: {
      tags: ['routing'],
      summary: 'Creates a team of reps with their round-robin weights',
      body: ZAnyObject,
      response: { 201: z.object({ id: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return reply.code(201).send(await createTeam(ctx.db, actor, request.body, ctx.clock.now()));
    },
  });

  app.put('/api/v1/teams/:id', {
    schema: {
      tags: ['routing'],
      summary: 'Replaces a team: name, slug, working hours and members with their weights',
      params: ZIdParams,
      body: ZAnyObject,
      response: { 200: z.object({ id: z.string() }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return updateTeam(ctx.db, actor, request.params.id, request.body);
    },
  });

  app.delete('/api/v1/teams/:id', {
    schema: {
      tags: ['routing'],
      summary: 'Deletes a team (409 TEAM_IN_USE while a routing rule sends leads to it)',
      params: ZIdParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      await deleteTeam(ctx.db, actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/teams', {
    schema: { tags: ['routing'], response: { 200: z.object({ data: z.array(ZAnyObject) }), ...errors } },
    handler: async (request) => ({ data: await listTeams(ctx.db, actorOf(request).workspaceId) }),
  });

  app.post('/api/v1/routing/rules', {
    schema: {
      tags: ['routing'],
      summary: 'Adds a routing rule: conditions on the lead → a team or a rep, tried by ascending priority',
      body: ZAnyObject,
      response: { 201: z.object({ id: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return reply.code(201).send(await createRoutingRule(ctx.db, actor, request.body, ctx.clock.now()));
    },
  });

  app.get('/api/v1/routing/rules', {
    schema: { tags: ['routing'], response: { 200: z.object({ data: z.array(ZAnyObject) }), ...errors } },
    handler: async (request) => ({ data: await listRoutingRules(ctx.db, actorOf(request).workspaceId) }),
  });

  app.delete('/api/v1/routing/rules/:id', {
    schema: { tags: ['routing'], params: ZIdParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      await deleteRoutingRule(ctx.db, actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/routing/settings', {
    schema: { tags: ['routing'], response: { 200: ZSettings, ...errors } },
    handler: async (request) => loadRoutingSettings(ctx.db, actorOf(request).workspaceId),
  });

  app.put('/api/v1/routing/settings', {
    schema: {
      tags: ['routing'],
      summary: 'Fallback owner and capacity (max open leads over a rolling period)',
      body: ZSettings,
      response: { 200: ZSettings, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return saveRoutingSettings(ctx.db, actor, request.body, ctx.clock.now());
    },
  });

  app.post('/api/v1/leads/:id/route', {
    schema: {
      tags: ['routing'],
      summary: 'Routes the lead now (sticky owner, rules, round-robin, fallback) and returns the trace',
      params: ZIdParams,
      response: {
        200: z.object({
          ownerId: z.string().nullable(),
          previousOwnerId: z.string().nullable(),
          trace: ZAnyObject,
        }),
        ...errors,
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      return ctx.db.transaction(async (inner) => {
        const tx = inner as unknown as Database;
        const lead = await findVisibleLead(tx, actor, request.params.id);
        const outcome = await routeLeadNow(ctx, tx, actor, lead.id);
        return {
          ownerId: outcome.ownerId,
          previousOwnerId: outcome.previousOwnerId,
          trace: outcome.trace as unknown as Record<string, unknown>,
        };
      });
    },
  });

  app.get('/api/v1/leads/:id/routing', {
    schema: {
      tags: ['routing'],
      summary:
        "The lead's assignments, newest first, each with its trace (rule matched, reps skipped and why)",
      params: ZIdParams,
      response: { 200: z.object({ data: z.array(ZAnyObject) }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const lead = await findVisibleLead(ctx.db, actor, request.params.id);
      return { data: await listLeadAssignments(ctx.db, actor.workspaceId, lead.id) };
    },
  });
};
