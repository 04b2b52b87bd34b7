import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accessRoutes, authenticateApiKey, authenticateSession } from './modules/access/index.ts';
import { analyticsRoutes } from './modules/analytics/index.ts';
import { captureRoutes, formsRoutes } from './modules/capture/index.ts';
import { channelSettingsRoutes, inboxRoutes, webhooksRoutes } from './modules/conversations/index.ts';
import { findVisibleLead, leadsRoutes } from './modules/leads/index.ts';
import { nurturingSettingsRoutes, sequencesRoutes, templatesRoutes } from './modules/nurturing/index.ts';
import { privacyRoutes } from './modules/privacy/index.ts';
import { qualificationRoutes } from './modules/qualification/index.ts';
import { routingRoutes } from './modules/routing/index.ts';
import { bookingPagesRoutes, calendarFeedRoutes, schedulingRoutes } from './modules/scheduling/index.ts';
import { predictiveRoutes, scoringRoutes } from './modules/scoring/index.ts';
import type { AppContext } from './platform/context.ts';
import { installAuthentication } from './platform/http/auth.ts';
import { answerFrameworkError, installErrorHandler } from './platform/http/error-handler.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { installStorableInputGuard } from './platform/http/storable-input.ts';
import { systemRoutes } from './platform/http/system.routes.ts';
import { webAppRoutes } from './platform/http/web-app.routes.ts';
import { demoDataRoutes } from './workflows/demo-data.routes.ts';
import { teamBookingRoutes } from './workflows/team-booking.routes.ts';

export interface BuildAppOptions {
  /** Fastify's logger; off in tests. */
  logger?: boolean;
  /** Largest accepted JSON body, bytes. The event batch endpoint is the largest legitimate body. */
  bodyLimit?: number;
  /** The built web app (`ensureWebBuild`); without it `/` shows a page saying how to build it. */
  webDistDir?: string;
}

/** Builds the HTTP application without listening: tests call `inject`, `main/serve.ts` listens. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Requests are counted in /metrics; per-request log lines cost ~15% of throughput, so only errors are logged.
    ...(options.logger ? { loggerInstance: ctx.logger as FastifyBaseLogger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    trustProxy: true,
    // Signed links (unsubscribe tokens) are longer than Fastify's default 100-character parameter.
    routerOptions: { maxParamLength: 1024 },
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  installErrorHandler(app);
  installStorableInputGuard(app);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Chaud API',
        version: '1',
        description: 'Lead capture, scoring, qualification and conversion.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  installAuthentication(app, {
    byApiKey: (key) => authenticateApiKey(ctx, key),
    bySession: (token) => authenticateSession(ctx, token),
  });
  installMetrics(app);

  await app.register(systemRoutes, { ctx });
  await app.register(accessRoutes, { ctx });
  await app.register(leadsRoutes, { ctx });
  await app.register(qualificationRoutes, { ctx });
  await app.register(scoringRoutes, { ctx });
  await app.register(predictiveRoutes, { ctx });
  await app.register(captureRoutes, { ctx });
  await app.register(formsRoutes, { ctx });
  await app.register(inboxRoutes, { ctx });
  await app.register(channelSettingsRoutes, { ctx });
  await app.register(webhooksRoutes, { ctx });
  await app.register(sequencesRoutes, { ctx });
  await app.register(templatesRoutes, { ctx });
  await app.register(nurturingSettingsRoutes, { ctx });
  await app.register(schedulingRoutes, { ctx });
  await app.register(bookingPagesRoutes, { ctx });
  await app.register(teamBookingRoutes, { ctx });
  await app.register(calendarFeedRoutes, { ctx });
  await app.register(routingRoutes, { ctx });
  await app.register(demoDataRoutes, { ctx });
  await app.register(analyticsRoutes, { ctx });
  await app.register(privacyRoutes, { ctx, findVisibleLead });
  await app.register(webAppRoutes, { distDir: options.webDistDir });
  return app;
}
