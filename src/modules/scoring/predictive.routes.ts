import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { runIdempotent } from '../../platform/http/idempotency.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { applyGridChange } from '../../workflows/grid-rescore.workflow.ts';
import { assertRole } from '../access/index.ts';
import { SYNC_TRAINING_MAX_LEADS, trainWorkspaceModel } from './predictive.service.ts';
import {
  getActiveModel,
  getLeadPrediction,
  getModelGridPoints,
  planModelFreeze,
} from './predictive-reads.service.ts';

const WRITERS = ['admin', 'marketer'] as const;

const ZJsonObject = z.record(z.string(), z.unknown());
const ZModel = z.object({
  id: z.string(),
  status: z.enum(['active', 'archived']),
  createdAt: z.string(),
  trainedOn: ZJsonObject,
  metrics: ZJsonObject,
});
const ZFactor = z.object({ feature: z.string(), value: z.string().nullable(), contribution: z.number() });
const ZGridPointDto = z.object({
  feature: z.string(),
  condition: z.string(),
  points: z.number(),
  rule: ZJsonObject,
});
const ZSkipped = z.object({
  feature: z.string(),
  condition: z.string(),
  points: z.number(),
  reason: z.string(),
});
const ZFreeze = z.object({
  modelId: z.string(),
  gridVersion: z.number(),
  rules: z.array(ZJsonObject),
  skipped: z.array(ZSkipped),
  notes: z.array(z.string()),
  rescore: z.object({
    mode: z.enum(['sync', 'queued']),
    jobId: z.string().nullable(),
    scored: z.number().nullable(),
    changed: z.number().nullable(),
    reassessed: z.number().nullable(),
  }),
});
const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };

/** The workspace's predictive model over HTTP: train, read, predictions per lead, grid points, freeze. */
export const predictiveRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/v1/scoring/model/train', {
    schema: {
      tags: ['scoring'],
      summary: `Train the workspace model on its won (customer) and lost (disqualified) leads, then score every lead (admin, marketer; up to ${SYNC_TRAINING_MAX_LEADS} leads, beyond that use 'chaud model train')`,
      response: { 200: z.object({ model: ZModel, scored: z.number() }), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, [...WRITERS]);
      // Honours Idempotency-Key: a retried request replays the first answer instead of training again.
      await runIdempotent(
        ctx.db,
        actor.workspaceId,
        'POST /api/v1/scoring/model/train',
        request,
        reply,
        async () => ({
          status: 200,
          body: await trainWorkspaceModel(ctx, actor.workspaceId, { maxLeads: SYNC_TRAINING_MAX_LEADS }),
        }),
      );
    },
  });

  app.get('/api/v1/scoring/model', {
    schema: {
      tags: ['scoring'],
      summary:
        'The active model: cross-validated metrics (AUC, Brier, baselines), what it was trained on, when',
      response: { 200: ZModel, 404: ZErrorResponse },
    },
    handler: (request) => getActiveModel(ctx.db, actorOf(request).workspaceId),
  });

  app.get('/api/v1/scoring/model/grid-points', {
    schema: {
      tags: ['scoring'],
      summary: 'The active model frozen into additive points (20 points double the odds)',
      response: {
        200: z.object({ modelId: z.string(), pointsPerLogit: z.number(), points: z.array(ZGridPointDto) }),
        404: ZErrorResponse,
      },
    },
    handler: (request) => getModelGridPoints(ctx.db, actorOf(request).workspaceId),
  });

  app.post('/api/v1/scoring/model/freeze', {
    schema: {
      tags: ['scoring'],
      summary:
        "Write the model's points into the grid as fit rules (ids model-…, replacing an earlier freeze) where the grid can express them; rescores every lead (admin, marketer)",
      response: { 200: ZFreeze, 202: ZFreeze, ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, [...WRITERS]);
      await runIdempotent(
        ctx.db,
        actor.workspaceId,
        'POST /api/v1/scoring/model/freeze',
        request,
        reply,
        async () => {
          const plan = await planModelFreeze(ctx.db, actor.workspaceId);
          const result = await applyGridChange(ctx, actor, plan.edit);
          return {
            status: result.rescore.mode === 'queued' ? 202 : 200,
            body: {
              modelId: plan.modelId,
              gridVersion: result.grid.version,
              rules: plan.rules,
              skipped: plan.skipped,
              notes: plan.notes,
              rescore: result.rescore,
            },
          };
        },
      );
    },
  });

  app.get('/api/v1/leads/:id/prediction', {
    schema: {
      tags: ['scoring'],
      summary: "A lead's calibrated probability of being won by the active model, with its top 5 factors",
      params: z.object({ id: z.string().min(1).max(100) }),
      response: {
        200: z.object({
          leadId: z.string(),
          modelId: z.string(),
          probability: z.number(),
          factors: z.array(ZFactor),
          scoredAt: z.string(),
        }),
        404: ZErrorResponse,
      },
    },
    handler: (request) => getLeadPrediction(ctx.db, actorOf(request), request.params.id),
  });
};
