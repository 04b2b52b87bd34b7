import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { applyGridChange } from '../../workflows/grid-rescore.workflow.ts';
import { assertRole } from '../access/index.ts';
import {
  type GridProposal,
  getLeadScore,
  previewGrid,
  withAddedRule,
  withoutRule,
  withPatchedRule,
} from './grid-editing.service.ts';
import { type GridDocument, loadGrid } from './scoring.service.ts';

// Bodies are checked by validateGrid, not by the route schema, so errors name grid paths
// (`rules[3].condition.withinDays`) under the code SCORING_GRID_INVALID.
const ZAnyObject = z.record(z.string(), z.unknown());
const ZGrid = z.object({ version: z.number(), rules: z.array(ZAnyObject), settings: ZAnyObject });
const ZRescore = z.object({
  mode: z.enum(['sync', 'queued']),
  jobId: z.string().nullable(),
  scored: z.number().nullable(),
  changed: z.number().nullable(),
  reassessed: z.number().nullable(),
});
const ZGridChange = z.object({ grid: ZGrid, rescore: ZRescore });
const ZCause = z.object({
  kind: z.enum(['capture', 'event', 'grid_change', 'decay', 'manual', 'model']),
  eventIds: z.array(z.string()).optional(),
  gridVersion: z.number(),
});
const ZLeadScore = z.object({
  leadId: z.string(),
  fit: z.number(),
  engagement: z.number(),
  total: z.number(),
  temperature: z.string(),
  stage: z.string(),
  asOf: z.string().nullable(),
  gridVersion: z.number().nullable(),
  contributions: z.array(
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      group: z.enum(['fit', 'engagement']),
      points: z.number(),
      decayedPoints: z.number(),
      occurredAt: z.string().nullable(),
      eventId: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      at: z.string(),
      fit: z.number(),
      engagement: z.number(),
      total: z.number(),
      previousTotal: z.number(),
      cause: ZCause,
    }),
  ),
});
const ZRuleParams = z.object({ ruleId: z.string().min(1).max(100) });
const writeResponses = {
  200: ZGridChange,
  202: ZGridChange,
  400: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
};
const WRITERS = ['admin', 'marketer'] as const;

const toGridDto = (grid: GridDocument) => ({
  version: grid.version,
  rules: grid.rules,
  settings: grid.settings,
});

export const scoringRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Every write saves a new grid version and rescores the workspace set-based: 200 when done in the
  // request, 202 with the job id when the workspace is large enough to go to a job.
  const change = async (
    request: Parameters<typeof actorOf>[0],
    reply: { code(status: number): unknown },
    edit: (grid: GridDocument) => GridProposal,
  ) => {
    const actor = actorOf(request);
    assertRole(actor, [...WRITERS]);
    const result = await applyGridChange(ctx, actor, edit);
    reply.code(result.rescore.mode === 'queued' ? 202 : 200);
    return { grid: toGridDto(result.grid), rescore: result.rescore };
  };

  app.get('/api/v1/scoring/grid', {
    schema: {
      tags: ['scoring'],
      summary: "The workspace's scoring grid: rules and settings",
      response: { 200: ZGrid },
    },
    handler: async (request) => toGridDto(await loadGrid(ctx.db, actorOf(request).workspaceId)),
  });

  app.put('/api/v1/scoring/grid', {
    schema: {
      tags: ['scoring'],
      summary: 'Replace the whole grid (admin, marketer); rescores every lead',
      body: z.object({ rules: z.unknown(), settings: z.unknown() }),
      response: writeResponses,
    },
    handler: (request, reply) =>
      change(request, reply, () => ({ rules: request.body.rules, settings: request.body.settings })),
  });

  app.put('/api/v1/scoring/settings', {
    schema: {
      tags: ['scoring'],
      summary: 'Replace the settings: ICP, half-life, caps, bands, thresholds, hot signals (admin, marketer)',
      body: ZAnyObject,
      response: writeResponses,
    },
    handler: (request, reply) =>
      change(request, reply, (grid) => ({ rules: grid.rules, settings: request.body })),
  });

  app.post('/api/v1/scoring/rules', {
    schema: {
      tags: ['scoring'],
      summary: 'Add a rule (admin, marketer); an id is made when none is given',
      body: ZAnyObject,
      response: writeResponses,
    },
    handler: (request, reply) => change(request, reply, (grid) => withAddedRule(grid, request.body)),
  });

  app.patch('/api/v1/scoring/rules/:ruleId', {
    schema: {
      tags: ['scoring'],
      summary: "Change a rule's fields (admin, marketer)",
      params: ZRuleParams,
      body: ZAnyObject,
      response: writeResponses,
    },
    handler: (request, reply) =>
      change(request, reply, (grid) => withPatchedRule(grid, request.params.ruleId, request.body)),
  });

  app.delete('/api/v1/scoring/rules/:ruleId', {
    schema: {
      tags: ['scoring'],
      summary: 'Remove a rule (admin, marketer)',
      params: ZRuleParams,
      response: writeResponses,
    },
    handler: (request, reply) => change(request, reply, (grid) => withoutRule(grid, request.params.ruleId)),
  });

  app.post('/api/v1/scoring/preview', {
    schema: {
      tags: ['scoring'],
      summary:
        'How many leads would change band with these rules/settings, without saving (admin, marketer; bands and hot-signal events, BANT overrides not included)',
      body: z.object({ rules: z.unknown().optional(), settings: z.unknown().optional() }),
      response: {
        200: z.object({
          leads: z.number(),
          changes: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })),
          unchanged: z.number(),
        }),
        400: ZErrorResponse,
      },
    },
    handler: (request) => {
      // An editing tool: it counts every lead of the workspace, including ones a sales rep cannot see.
      const actor = actorOf(request);
      assertRole(actor, [...WRITERS]);
      return previewGrid(ctx.db, actor.workspaceId, request.body, ctx.clock.now());
    },
  });

  app.get('/api/v1/leads/:id/score', {
    schema: {
      tags: ['scoring'],
      summary: "A lead's score with the contributions behind it and its recent score changes",
      params: z.object({ id: z.string().min(1).max(100) }),
      querystring: z.object({ history: z.coerce.number().int().min(0).max(200).default(20) }),
      response: { 200: ZLeadScore, 404: ZErrorResponse },
    },
    handler: (request) => getLeadScore(ctx.db, actorOf(request), request.params.id, request.query.history),
  });
};
