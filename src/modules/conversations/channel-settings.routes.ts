import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { assertRole } from '../access/index.ts';
import { channelChecksRoutes } from './channel-checks.routes.ts';
import {
  findWhatsAppAccount,
  loadAgentSettings,
  saveAgentSettings,
  saveWhatsAppAccount,
  toWhatsAppAccountDto,
} from './channel-settings.service.ts';
import { conversationErrors } from './conversations.errors.ts';
import { ZAgentSettingsInput, ZWhatsAppAccountInput } from './conversations.schemas.ts';

const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse };
const ZAgentSettingsDto = z.record(z.string(), z.unknown());
const ZWhatsAppAccountDto = z.object({
  phoneNumberId: z.string(),
  graphUrl: z.string(),
  accessToken: z.string(),
  appSecret: z.string(),
  verifyToken: z.string(),
  templates: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});

export const channelSettingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // "Test connection" and e-mail status, under /api/v1/settings too.
  await app.register(channelChecksRoutes, { ctx });
  app.get('/api/v1/settings/agent', {
    schema: {
      tags: ['conversations'],
      summary: "The qualification agent's tone, identity, FAQ answers and follow-up delay",
      response: { 200: ZAgentSettingsDto, ...errors },
    },
    handler: async (request) =>
      (await loadAgentSettings(ctx.db, actorOf(request).workspaceId)) as unknown as Record<string, unknown>,
  });

  app.put('/api/v1/settings/agent', {
    schema: {
      tags: ['conversations'],
      summary: 'Changes the agent settings (fields left out keep their value)',
      body: ZAgentSettingsInput,
      response: { 200: ZAgentSettingsDto, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer']);
      const saved = await saveAgentSettings(
        ctx.db,
        actor.workspaceId,
        request.body,
        actor.userId,
        ctx.clock.now(),
      );
      return saved as unknown as Record<string, unknown>;
    },
  });

  app.get('/api/v1/settings/whatsapp', {
    schema: {
      tags: ['conversations'],
      summary: 'The connected WhatsApp Business number (secrets masked)',
      response: { 200: ZWhatsAppAccountDto, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      const row = await findWhatsAppAccount(ctx.db, actor.workspaceId);
      if (!row) throw conversationErrors.whatsappNotConnected();
      return toWhatsAppAccountDto(row);
    },
  });

  app.put('/api/v1/settings/whatsapp', {
    schema: {
      tags: ['conversations'],
      summary:
        'Connects a WhatsApp Business number: ids, token, app secret, verify token and approved templates',
      body: ZWhatsAppAccountInput,
      response: { 200: ZWhatsAppAccountDto, ...errors, 409: ZErrorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return toWhatsAppAccountDto(
        await saveWhatsAppAccount(ctx.db, actor.workspaceId, request.body, ctx.clock.now()),
      );
    },
  });
};
