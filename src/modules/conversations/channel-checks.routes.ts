import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { assertRole } from '../access/index.ts';
import { checkWhatsAppAccount, emailSettings, sendTestEmail } from './channel-checks.service.ts';

// Registered by channelSettingsRoutes, so the settings screen's checks live next to the settings they check.
const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };
const ZCheck = z.object({
  ok: z.boolean(),
  code: z.number().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.string()).optional(),
});

export const channelChecksRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/v1/settings/whatsapp/test', {
    schema: {
      tags: ['conversations'],
      summary:
        "Asks the Graph API for the connected phone number with the stored token (admin); answers ok or Meta's error code and message",
      response: { 200: ZCheck, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return checkWhatsAppAccount(ctx, actor.workspaceId);
    },
  });

  app.get('/api/v1/settings/email', {
    schema: {
      tags: ['conversations'],
      summary: 'Whether SMTP is configured and the sender address (no secrets)',
      response: { 200: z.object({ configured: z.boolean(), from: z.string().nullable() }), ...errors },
    },
    handler: async (request) => {
      assertRole(actorOf(request), ['admin', 'marketer']);
      return emailSettings(ctx);
    },
  });

  app.post('/api/v1/settings/email/test', {
    schema: {
      tags: ['conversations'],
      summary: 'Sends a test e-mail to the current user through the e-mail channel (admin)',
      response: { 200: ZCheck.extend({ to: z.string() }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return sendTestEmail(ctx, actor);
    },
  });
};
