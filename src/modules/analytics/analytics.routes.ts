import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { assertRole } from '../access/index.ts';
import { resolvePeriod } from './analytics.rules.ts';
import { ZDashboard, ZDashboardQuery } from './analytics.schemas.ts';
import { loadDashboard } from './analytics.service.ts';

const errors = { 400: ZErrorResponse, 403: ZErrorResponse };

export const analyticsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/v1/analytics/dashboard', {
    schema: {
      tags: ['analytics'],
      summary:
        'Funnel, speed to lead, weekly leads by source and temperature, meetings and conversation outcomes over a period (a sales rep sees their own leads)',
      querystring: ZDashboardQuery,
      response: { 200: ZDashboard, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin', 'marketer', 'sales_rep']);
      const period = resolvePeriod(request.query, ctx.clock.now());
      return loadDashboard(ctx, actor, period);
    },
  });
};
