import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/auth.ts';
import { ZLeadFilters } from '../../leads/index.ts';
import { exportLeads } from './csv-export.service.ts';

/**
 * The leads list's CSV export: the filters of `GET /api/v1/leads` (sort and paging are ignored: the
 * file is oldest first), the columns and formula neutralisation of `chaud export leads`, streamed page
 * by page so a 100k-lead export never sits in memory. A rep exports only their own leads.
 */
export const leadsCsvExportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/v1/leads/export.csv', {
    schema: {
      tags: ['leads'],
      summary: 'Download the leads matching the list filters as CSV (UTF-8 with BOM, formula-safe cells)',
      querystring: ZLeadFilters,
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const output = new PassThrough();
      // A client that goes away must not leave the export waiting for a 'drain' that never comes.
      reply.raw.on('close', () => {
        if (!output.writableEnded) output.destroy(new Error('The client closed the export.'));
      });
      exportLeads(ctx, output, {
        workspaceId: actor.workspaceId,
        format: 'csv',
        scope: { actor, filters: request.query },
      }).then(
        () => output.end(),
        (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="leads-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(output);
    },
  });
};
