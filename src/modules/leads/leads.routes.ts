import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { isStorableInstant } from '../../platform/http/storable-input.ts';
import { assertRole, getUser } from '../access/index.ts';
import { ingestEvents, MAX_EVENTS_PER_BATCH } from './event-ingestion.service.ts';
import { listLeadEvents, toEventDto } from './events.service.ts';
import { assignLeadOwner, updateLeadFields } from './lead-update.service.ts';
import { ZLead, ZLeadFieldsInput, ZListLeadsQuery } from './leads.schemas.ts';
import { findMergedLeadIds, findVisibleLead, getLead, listLeads } from './leads.service.ts';
import {
  acceptMergeProposal,
  listMergeProposals,
  rejectMergeProposal,
  repairLeadState,
} from './merge.service.ts';
import { savedViewsRoutes } from './saved-views.routes.ts';

const ZLeadParams = z.object({ id: z.string().min(1).max(100) });

export const leadsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(savedViewsRoutes, { ctx });

  app.get('/api/v1/leads/:id', {
    schema: {
      tags: ['leads'],
      summary: 'Get a lead',
      params: ZLeadParams,
      response: { 200: ZLead, 404: ZErrorResponse },
    },
    handler: (request) => getLead(ctx.db, actorOf(request), request.params.id),
  });

  app.get('/api/v1/leads', {
    schema: {
      tags: ['leads'],
      summary:
        'List leads with filters, sort and cursor pagination; includeTotal=true adds the count (exact up to 10,000, then totalIsCapped)',
      querystring: ZListLeadsQuery,
      response: {
        200: z.object({
          data: z.array(ZLead),
          nextCursor: z.string().nullable(),
          total: z.number().int().optional(),
          totalIsCapped: z.boolean().optional(),
        }),
      },
    },
    handler: (request) => listLeads(ctx.db, actorOf(request), request.query),
  });

  app.get('/api/v1/leads/:id/timeline', {
    schema: {
      tags: ['leads'],
      summary: "A lead's events, newest first, including leads merged into it",
      params: ZLeadParams,
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        before: z.string().max(200).optional(),
      }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await findVisibleLead(ctx.db, actor, request.params.id);
      const leadIds = await findMergedLeadIds(ctx.db, actor.workspaceId, request.params.id);
      const [beforeTime, beforeId] = request.query.before?.split('|') ?? [];
      const before =
        beforeTime && beforeId && isStorableInstant(beforeTime)
          ? { occurredAt: new Date(beforeTime), id: beforeId }
          : undefined;
      const rows = await listLeadEvents(ctx.db, actor.workspaceId, leadIds, {
        limit: request.query.limit,
        order: 'desc',
        ...(before ? { before } : {}),
      });
      const last = rows.at(-1);
      return {
        data: rows.map(toEventDto),
        nextBefore:
          rows.length === request.query.limit && last ? `${last.occurredAt.toISOString()}|${last.id}` : null,
      };
    },
  });

  app.patch('/api/v1/leads/:id', {
    schema: {
      tags: ['leads'],
      summary: "Edit a lead's fields (recorded as a lead_updated event)",
      params: ZLeadParams,
      body: ZLeadFieldsInput,
      response: { 200: ZLead },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await updateLeadFields(
        ctx.db,
        actor,
        request.params.id,
        request.body,
        ctx.clock.now(),
        ctx.config.defaultCountry,
        (tx) => ctx.hooks.afterEventsRecorded(tx, actor.workspaceId, [request.params.id]),
      );
      return getLead(ctx.db, actor, request.params.id);
    },
  });

  app.put('/api/v1/leads/:id/owner', {
    schema: {
      tags: ['leads'],
      summary: 'Assign or clear the owner (admin, marketer)',
      params: ZLeadParams,
      body: z
        .object({ ownerId: z.string().min(1).max(100).nullable(), reason: z.string().trim().min(1).max(500) })
        .strict(),
      response: { 200: ZLead },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      if (request.body.ownerId) await getUser(ctx, actor.workspaceId, request.body.ownerId);
      await ctx.db.transaction((tx) =>
        assignLeadOwner(
          tx as unknown as Database,
          actor,
          request.params.id,
          request.body.ownerId,
          request.body.reason,
          ctx.clock.now(),
        ),
      );
      return getLead(ctx.db, actor, request.params.id);
    },
  });

  app.post('/api/v1/leads/:id/recompute', {
    schema: { tags: ['leads'], summary: 'Rebuild a lead from its event log (admin)', params: ZLeadParams },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      await findVisibleLead(ctx.db, actor, request.params.id);
      const result = await repairLeadState(ctx.db, actor.workspaceId, request.params.id, ctx.clock.now());
      return { hasDrifted: result.hasDrifted, lead: await getLead(ctx.db, actor, request.params.id) };
    },
  });

  app.post('/api/v1/events', {
    schema: {
      tags: ['events'],
      summary: `Record up to ${MAX_EVENTS_PER_BATCH} events; each item is accepted or rejected on its own`,
      body: z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH) }).strict(),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer', 'sales_rep']);
      const result = await ingestEvents(
        ctx.db,
        actor,
        request.body.events,
        ctx.clock.now(),
        (tx, leadIds, recorded) => ctx.hooks.afterEventsRecorded(tx, actor.workspaceId, leadIds, recorded),
      );
      return { accepted: result.accepted, rejected: result.rejected, results: result.results };
    },
  });

  app.get('/api/v1/merge-proposals', {
    schema: {
      tags: ['leads'],
      querystring: z.object({ status: z.enum(['open', 'accepted', 'rejected']).optional() }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      return { data: await listMergeProposals(ctx.db, actor, request.query.status) };
    },
  });

  app.post('/api/v1/merge-proposals/:id/accept', {
    schema: {
      tags: ['leads'],
      params: ZLeadParams,
      body: z.object({ keep: z.string().optional() }).strict().optional(),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      return acceptMergeProposal(
        ctx.db,
        actor,
        request.params.id,
        ctx.clock.now(),
        request.body?.keep,
        (tx, survivorId) => ctx.hooks.afterEventsRecorded(tx, actor.workspaceId, [survivorId]),
      );
    },
  });

  app.post('/api/v1/merge-proposals/:id/reject', {
    schema: { tags: ['leads'], params: ZLeadParams },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      return rejectMergeProposal(ctx.db, actor, request.params.id, ctx.clock.now());
    },
  });
};
