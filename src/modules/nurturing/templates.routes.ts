import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { assertRole } from '../access/index.ts';
import { findVisibleLead, toLeadDto } from '../leads/index.ts';
import { loadNurturingSettings, saveNurturingSettings } from './nurturing-settings.service.ts';
import { renderTemplate, templateLanguage } from './template-render.rules.ts';
import { getTemplate, listTemplates, saveTemplate } from './templates.service.ts';

const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse };
const ZNameParams = z.object({ name: z.string().min(1).max(100) });
const ZTemplateDto = z.record(z.string(), z.unknown());

export const templatesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/v1/templates', {
    schema: {
      tags: ['sequences'],
      summary: 'Message templates: the workspace’s own and the shipped TOFU/MOFU/BOFU ones',
      response: { 200: z.object({ data: z.array(ZTemplateDto) }), ...errors },
    },
    handler: async (request) => ({ data: await listTemplates(ctx.db, actorOf(request).workspaceId) }),
  });

  app.get('/api/v1/templates/:name', {
    schema: { tags: ['sequences'], params: ZNameParams, response: { 200: ZTemplateDto, ...errors } },
    handler: async (request) => getTemplate(ctx.db, actorOf(request).workspaceId, request.params.name),
  });

  app.put('/api/v1/templates/:name', {
    schema: {
      tags: ['sequences'],
      summary: 'Creates or replaces a template (FR and EN variants, tokens with fallbacks)',
      params: ZNameParams,
      body: z.record(z.string(), z.unknown()),
      response: { 200: ZTemplateDto, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      return saveTemplate(ctx.db, actor.workspaceId, request.params.name, request.body, ctx.clock.now());
    },
  });

  app.post('/api/v1/templates/:name/preview', {
    schema: {
      tags: ['sequences'],
      summary: 'Renders a template for a real lead, in the lead’s language, and lists tokens without a value',
      params: ZNameParams,
      body: z
        .object({ leadId: z.string().min(1).max(100), language: z.enum(['fr', 'en']).optional() })
        .strict(),
      response: {
        200: z.object({
          subject: z.string().optional(),
          text: z.string(),
          missingTokens: z.array(z.string()),
        }),
        ...errors,
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const template = await getTemplate(ctx.db, actor.workspaceId, request.params.name);
      const lead = toLeadDto(await findVisibleLead(ctx.db, actor, request.body.leadId));
      const rendered = renderTemplate(template, request.body.language ?? templateLanguage(lead.language), {
        lead: {
          firstName: lead.firstName,
          lastName: lead.lastName,
          jobTitle: lead.jobTitle,
          company: { name: lead.company?.name ?? null },
        },
      });
      return {
        ...(rendered.subject === undefined ? {} : { subject: rendered.subject }),
        text: rendered.text,
        missingTokens: rendered.missingTokens,
      };
    },
  });
};

const ZNurturingSettings = z
  .object({
    dailyCapPerLead: z.number().int().min(1).max(20),
    timezone: z.string().min(1).max(64),
  })
  .strict();

export const nurturingSettingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/v1/settings/nurturing', {
    schema: {
      tags: ['sequences'],
      summary: 'Sequence messages per lead per day (all sequences) and the zone of leads without one',
      response: { 200: ZNurturingSettings, ...errors },
    },
    handler: async (request) => loadNurturingSettings(ctx.db, actorOf(request).workspaceId),
  });

  app.put('/api/v1/settings/nurturing', {
    schema: {
      tags: ['sequences'],
      body: ZNurturingSettings,
      response: { 200: ZNurturingSettings, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      return saveNurturingSettings(ctx.db, actor.workspaceId, request.body, ctx.clock.now());
    },
  });
};
