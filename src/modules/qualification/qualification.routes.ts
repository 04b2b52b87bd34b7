import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { runIdempotent } from '../../platform/http/idempotency.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { rescoreAndReassess } from '../../workflows/lead-scoring.workflow.ts';
import { assertRole } from '../access/index.ts';
import { findVisibleLead, getLead, ZLead } from '../leads/index.ts';
import {
  ZBantDto,
  ZBantEntryDto,
  ZQualificationSettingsDto,
  ZQualificationSettingsInput,
  ZRecordBantBody,
} from './bant.schemas.ts';
import { getBant, recordBantValue, toBantEntryDto } from './bant.service.ts';
import { CHECKLIST_KEYS } from './checklist.rules.ts';
import { leadBulkRoutes } from './lead-bulk.routes.ts';
import { confirmSql, moveLeadStage } from './lifecycle.service.ts';
import { getLeadChecklist } from './qualification.service.ts';
import {
  loadQualificationSettings,
  saveQualificationSettings,
  toQualificationSettingsDto,
} from './qualification-settings.service.ts';

const ZLeadParams = z.object({ id: z.string().min(1).max(100) });
const ALL_ROLES = ['admin', 'marketer', 'sales_rep'] as const;
const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };

const ZChecklistDto = z.object({
  boxes: z.array(z.object({ key: z.enum(CHECKLIST_KEYS), isChecked: z.boolean(), reason: z.string() })),
  count: z.number().int(),
  verdict: z.enum(['sql', 'nurture']),
});

export const qualificationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Bulk stage moves follow this module's rules (bulk owner changes ride along in the same workflow).
  await app.register(leadBulkRoutes, { ctx });
  // Writes run in one transaction with the rescore they cause, so a failure leaves nothing behind.
  const inTransaction = <T>(work: (tx: Database) => Promise<T>) =>
    ctx.db.transaction((tx) => work(tx as unknown as Database));

  app.get('/api/v1/leads/:id/bant', {
    schema: {
      tags: ['qualification'],
      summary: "A lead's current BANT values and their history",
      params: ZLeadParams,
      response: { 200: ZBantDto, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const lead = await findVisibleLead(ctx.db, actor, request.params.id);
      return getBant(ctx.db, actor.workspaceId, lead.id);
    },
  });

  app.put('/api/v1/leads/:id/bant/:field', {
    schema: {
      tags: ['qualification'],
      summary:
        'Record a BANT value (budget, authority, need, timeline); history is kept. Honours Idempotency-Key.',
      params: ZLeadParams.extend({ field: z.string().min(1).max(50) }),
      body: ZRecordBantBody,
      response: { 200: z.object({ entry: ZBantEntryDto, lead: ZLead }), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, [...ALL_ROLES]);
      const { id, field } = request.params;
      await runIdempotent(
        ctx.db,
        actor.workspaceId,
        `PUT /api/v1/leads/${id}/bant/${field}`,
        request,
        reply,
        async () => {
          const now = ctx.clock.now();
          const entry = await inTransaction(async (tx) => {
            await findVisibleLead(tx, actor, id);
            const recorded = await recordBantValue(
              tx,
              {
                workspaceId: actor.workspaceId,
                leadId: id,
                field,
                ...request.body,
                source: bantSourceOf(actor),
                actor: actor.userId,
              },
              now,
            );
            await rescoreAndReassess(tx, actor.workspaceId, [id], { kind: 'manual' }, now, ctx.hooks);
            return recorded;
          });
          return {
            status: 200,
            body: { entry: toBantEntryDto(entry), lead: await getLead(ctx.db, actor, id) },
          };
        },
      );
    },
  });

  app.get('/api/v1/leads/:id/checklist', {
    schema: {
      tags: ['qualification'],
      summary: 'The lead → prospect checklist: 5 of 6 boxes make an SQL',
      params: ZLeadParams,
      response: { 200: ZChecklistDto, ...errors },
    },
    handler: (request) => getLeadChecklist(ctx.db, actorOf(request), request.params.id, ctx.clock.now()),
  });

  app.post('/api/v1/leads/:id/stage', {
    schema: {
      tags: ['qualification'],
      summary: 'Move a lead to any lifecycle stage by hand; a reason is required. Honours Idempotency-Key.',
      params: ZLeadParams,
      body: z
        .object({ to: z.string().trim().min(1).max(50), reason: z.string().max(500).nullish() })
        .strict(),
      response: { 200: ZLead, ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, [...ALL_ROLES]);
      const { id } = request.params;
      await runIdempotent(
        ctx.db,
        actor.workspaceId,
        `POST /api/v1/leads/${id}/stage`,
        request,
        reply,
        async () => {
          await inTransaction(async (tx) => {
            const before = await findVisibleLead(tx, actor, id);
            const after = await moveLeadStage(
              tx,
              actor,
              id,
              request.body.to,
              request.body.reason ?? undefined,
              ctx.clock.now(),
            );
            if (after.stage !== before.stage)
              await ctx.hooks.afterQualificationChanged?.(tx, actor.workspaceId, [
                { leadId: id, temperatureTo: null, stagesEntered: [after.stage] },
              ]);
          });
          return { status: 200, body: await getLead(ctx.db, actor, id) };
        },
      );
    },
  });

  app.post('/api/v1/leads/:id/confirm-sql', {
    schema: {
      tags: ['qualification'],
      summary: 'A sales rep (or an admin) confirms the lead is sales-qualified: it moves to SQL',
      params: ZLeadParams,
      body: z
        .object({ reason: z.string().max(500).nullish() })
        .strict()
        .optional(),
      response: { 200: ZLead, ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'sales_rep']);
      const { id } = request.params;
      await runIdempotent(
        ctx.db,
        actor.workspaceId,
        `POST /api/v1/leads/${id}/confirm-sql`,
        request,
        reply,
        async () => {
          await inTransaction(async (tx) => {
            const before = await findVisibleLead(tx, actor, id);
            const after = await confirmSql(tx, actor, id, request.body?.reason ?? undefined, ctx.clock.now());
            if (after.stage !== before.stage)
              await ctx.hooks.afterQualificationChanged?.(tx, actor.workspaceId, [
                { leadId: id, temperatureTo: null, stagesEntered: [after.stage] },
              ]);
          });
          return { status: 200, body: await getLead(ctx.db, actor, id) };
        },
      );
    },
  });

  app.get('/api/v1/qualification/settings', {
    schema: {
      tags: ['qualification'],
      summary: 'Need categories, ICP fit minimum, automatic lifecycle',
      response: { 200: ZQualificationSettingsDto },
    },
    handler: async (request) =>
      toQualificationSettingsDto(await loadQualificationSettings(ctx.db, actorOf(request).workspaceId)),
  });

  app.put('/api/v1/qualification/settings', {
    schema: {
      tags: ['qualification'],
      summary: 'Change qualification settings (admin, marketer); fields left out keep their value',
      body: ZQualificationSettingsInput,
      response: { 200: ZQualificationSettingsDto, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      const saved = await inTransaction((tx) =>
        saveQualificationSettings(tx, actor.workspaceId, request.body, actor.userId, ctx.clock.now()),
      );
      return toQualificationSettingsDto(saved);
    },
  });
};

// A person behind the call (session or a key tied to a user) states it; otherwise an integration sent it.
function bantSourceOf(actor: Actor): 'user' | 'api' {
  return actor.userId ? 'user' : 'api';
}
