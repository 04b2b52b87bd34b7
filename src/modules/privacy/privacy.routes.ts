import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { getConsentHistory } from './privacy.service.ts';

const ZLeadParams = z.object({ id: z.string().min(1).max(100) });
const ZConsentRow = z.object({
  id: z.string(),
  purpose: z.string(),
  channel: z.string(),
  granted: z.boolean(),
  recordedAt: z.string(),
  method: z.string(),
  formId: z.string().nullable(),
  text: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  messageId: z.string().nullable(),
  actor: z.string().nullable(),
});

export interface PrivacyRoutesOptions {
  ctx: AppContext;
  /**
   * The leads module's visibility guard (a rep sees only their own leads), passed in by the composition
   * root: privacy depends on access only, so it cannot import leads itself. Throws the lead's 404.
   */
  findVisibleLead: (db: Database, actor: Actor, leadId: string) => Promise<{ id: string }>;
}

export const privacyRoutes: FastifyPluginAsyncZod<PrivacyRoutesOptions> = async (
  app,
  { ctx, findVisibleLead },
) => {
  app.get('/api/v1/leads/:id/consents', {
    schema: {
      tags: ['privacy'],
      summary: "A lead's consent ledger, oldest first: every grant and withdrawal with its proof",
      params: ZLeadParams,
      response: { 200: z.object({ data: z.array(ZConsentRow) }), 404: ZErrorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const lead = await findVisibleLead(ctx.db, actor, request.params.id);
      return { data: await getConsentHistory(ctx.db, actor.workspaceId, lead.id) };
    },
  });
};
