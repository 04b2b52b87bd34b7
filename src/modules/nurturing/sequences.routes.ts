import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext, Role } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import {
  enrollLead,
  ensureWorkspaceSequences,
  unenrollLead,
} from '../../workflows/sequence-triggers.workflow.ts';
import { assertRole } from '../access/index.ts';
import { findVisibleLead } from '../leads/index.ts';
import { getEnrollmentDto, getSequenceStats } from './enrollments.service.ts';
import {
  createSequence,
  findSequenceRow,
  getSequence,
  listSequences,
  setSequenceStatus,
  updateSequence,
} from './sequences.service.ts';

const ZIdParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };
// The definition is checked by parseSequenceDefinition, whose errors name each path.
const ZDefinitionBody = z.record(z.string(), z.unknown());
const ZVersion = z.object({ id: z.string(), version: z.number().int() });
const ZSequence = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'paused', 'archived']),
  version: z.number().int(),
  systemKey: z.string().nullable(),
  definition: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZEnrollment = z.object({
  id: z.string(),
  sequenceId: z.string(),
  version: z.number().int(),
  leadId: z.string(),
  status: z.enum(['active', 'completed', 'exited']),
  exitReason: z.string().nullable(),
  currentStep: z.number().int(),
  nextRunAt: z.string().nullable(),
  enrolledAt: z.string(),
  finishedAt: z.string().nullable(),
  history: z.array(
    z.object({
      step: z.number().int(),
      kind: z.string(),
      at: z.string(),
      messageId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
const WRITERS: Role[] = ['admin', 'marketer'];

export const sequencesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const toDto = (sequence: Awaited<ReturnType<typeof getSequence>>) => ({
    ...sequence,
    definition: sequence.definition as unknown as Record<string, unknown>,
  });

  app.get('/api/v1/sequences', {
    schema: {
      tags: ['sequences'],
      summary: 'Sequences of the workspace (the three default ones included)',
      response: { 200: z.object({ data: z.array(ZSequence) }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await ensureWorkspaceSequences(ctx, actor.workspaceId);
      return { data: (await listSequences(ctx.db, actor.workspaceId)).map(toDto) };
    },
  });

  app.post('/api/v1/sequences', {
    schema: {
      tags: ['sequences'],
      summary:
        'Creates a sequence from a definition; invalid ones answer 400 with error.details[] naming each path',
      body: ZDefinitionBody,
      response: { 201: ZVersion, ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, WRITERS);
      return reply.code(201).send(await createSequence(ctx.db, actor, request.body, ctx.clock.now()));
    },
  });

  app.get('/api/v1/sequences/:id', {
    schema: { tags: ['sequences'], params: ZIdParams, response: { 200: ZSequence, ...errors } },
    handler: async (request) =>
      toDto(await getSequence(ctx.db, actorOf(request).workspaceId, request.params.id)),
  });

  app.put('/api/v1/sequences/:id', {
    schema: {
      tags: ['sequences'],
      summary: 'Saves a new version; running enrolments continue on the version they started with',
      params: ZIdParams,
      body: ZDefinitionBody,
      response: { 200: ZVersion, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, WRITERS);
      return updateSequence(ctx.db, actor, request.params.id, request.body, ctx.clock.now());
    },
  });

  for (const [action, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
  ] as const) {
    app.post(`/api/v1/sequences/:id/${action}`, {
      schema: {
        tags: ['sequences'],
        summary:
          action === 'pause' ? 'Pauses: no new enrolment, running ones wait' : 'Resumes a paused sequence',
        params: ZIdParams,
        response: { 200: ZSequence, ...errors },
      },
      handler: async (request) => {
        const actor = actorOf(request);
        assertRole(actor, WRITERS);
        return toDto(await setSequenceStatus(ctx.db, actor, request.params.id, status, ctx.clock.now()));
      },
    });
  }

  app.post('/api/v1/sequences/:id/enrollments', {
    schema: {
      tags: ['sequences'],
      summary: 'Enrols a lead (409 SEQUENCE_ALREADY_ENROLLED while an enrolment of that lead is active)',
      params: ZIdParams,
      body: z.object({ leadId: z.string().min(1).max(100) }).strict(),
      response: { 201: z.object({ id: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      await findSequenceRow(ctx.db, actor.workspaceId, request.params.id);
      const enrollment = await enrollLead(ctx, actor, request.params.id, request.body.leadId);
      return reply.code(201).send({ id: enrollment.id });
    },
  });

  app.get('/api/v1/sequences/:id/stats', {
    schema: {
      tags: ['sequences'],
      summary: 'Per-step counts of enrolments: entered, sent, delivered, opened, replied, booked, exited',
      params: ZIdParams,
      response: { 200: z.object({ steps: z.array(z.record(z.string(), z.number())) }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await findSequenceRow(ctx.db, actor.workspaceId, request.params.id);
      return { steps: await getSequenceStats(ctx.db, actor.workspaceId, request.params.id) };
    },
  });

  app.get('/api/v1/enrollments/:id', {
    schema: { tags: ['sequences'], params: ZIdParams, response: { 200: ZEnrollment, ...errors } },
    handler: async (request) => {
      const actor = actorOf(request);
      const enrollment = await getEnrollmentDto(ctx.db, actor.workspaceId, request.params.id);
      await findVisibleLead(ctx.db, actor, enrollment.leadId);
      return enrollment;
    },
  });

  app.delete('/api/v1/enrollments/:id', {
    schema: {
      tags: ['sequences'],
      summary: 'Unenrols the lead: the enrolment ends as exited (unenrolled)',
      params: ZIdParams,
      response: { 200: ZEnrollment, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await unenrollLead(ctx, actor, request.params.id);
      return getEnrollmentDto(ctx.db, actor.workspaceId, request.params.id);
    },
  });
};
