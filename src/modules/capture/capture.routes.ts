import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { runIdempotent } from '../../platform/http/idempotency.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { CaptureBatcher } from '../../workflows/capture-batcher.ts';
import { assertRole } from '../access/index.ts';
import { ZCreateLeadInput, ZCreateLeadResponse } from './capture.schemas.ts';
import { leadsCsvExportRoutes } from './csv-export/csv-export.routes.ts';

export const captureRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const batcher = new CaptureBatcher(ctx);
  await app.register(leadsCsvExportRoutes, { ctx });

  app.post('/api/v1/leads', {
    schema: {
      tags: ['leads'],
      summary: 'Create or update a lead by identity (201 created, 200 matched). Honours Idempotency-Key.',
      body: ZCreateLeadInput,
      response: {
        200: ZCreateLeadResponse,
        201: ZCreateLeadResponse,
        400: ZErrorResponse,
        409: ZErrorResponse,
      },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer', 'sales_rep']);
      const { source, utm, referrer, consents, ...fields } = request.body;
      await runIdempotent(ctx.db, actor.workspaceId, 'POST /api/v1/leads', request, reply, async () => {
        const result = await batcher.capture({
          workspaceId: actor.workspaceId,
          fields,
          touch: { source: source ?? 'api', ...(utm ? { utm } : {}), ...(referrer ? { referrer } : {}) },
          consents: consents ?? [],
          proof: {
            method: 'api',
            ip: request.ip,
            userAgent: request.headers['user-agent'] ?? null,
            actor: actor.userId,
          },
          eventType: 'lead_captured',
          eventSource: source ?? 'api',
          occurredAt: ctx.clock.now(),
          actor: actor.userId,
        });
        return {
          status: result.isCreated ? 201 : 200,
          body: { ...result.lead, isCreated: result.isCreated, mergeProposalIds: result.mergeProposalIds },
        };
      });
    },
  });
};
