import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { applyBulkLeadAction, MAX_BULK_LEADS } from '../../workflows/lead-bulk-actions.workflow.ts';

const ZReason = z.string().trim().min(1).max(500);
const ZBulkBody = z
  .object({
    leadIds: z.array(z.string().min(1).max(100)).min(1).max(MAX_BULK_LEADS),
    action: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('assign'),
          ownerId: z.string().min(1).max(100).nullable(),
          reason: ZReason,
        })
        .strict(),
      z
        .object({ kind: z.literal('stage'), stage: z.string().trim().min(1).max(50), reason: ZReason })
        .strict(),
    ]),
  })
  .strict();

const ZBulkResult = z.object({
  leadId: z.string(),
  ok: z.boolean(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** Bulk actions of the leads list; the rules are the single-lead endpoints' (see the workflow). */
export const leadBulkRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/v1/leads/bulk', {
    schema: {
      tags: ['leads'],
      summary: `Assign an owner to, or move the stage of, up to ${MAX_BULK_LEADS} leads; one result per lead`,
      body: ZBulkBody,
      response: {
        200: z.object({
          results: z.array(ZBulkResult),
          okCount: z.number().int(),
          failedCount: z.number().int(),
        }),
        400: ZErrorResponse,
        403: ZErrorResponse,
        404: ZErrorResponse,
      },
    },
    handler: (request) =>
      applyBulkLeadAction(ctx, actorOf(request), request.body.leadIds, request.body.action),
  });
};
