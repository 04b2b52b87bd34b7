import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { allowedOriginFor } from './form-submission.rules.ts';
import { formErrors } from './forms.errors.ts';
import { pickPageLanguage } from './forms.pages.ts';
import { ZFormKeyParams } from './forms.schemas.ts';
import { findActiveFormByKey } from './forms.service.ts';
import { toPublicDefinition } from './widget.definition.ts';
import { ZFormDefinitionQuery, ZPublicFormDefinition } from './widget.schemas.ts';

// Plain browser JavaScript, served as written (no build step); read once, like any static asset.
const WIDGET_SOURCE = readFileSync(new URL('./widget.client.js', import.meta.url), 'utf8');
const WIDGET_ETAG = `"${createHash('sha256').update(WIDGET_SOURCE).digest('base64url').slice(0, 27)}"`;
// Short enough that a new widget version or a form edit reaches sites within minutes.
const WIDGET_MAX_AGE_SECONDS = 300;
const DEFINITION_MAX_AGE_SECONDS = 60;
// Every page view of an embedding site asks once; a visitor reloading a lot stays well under this.
const DEFINITIONS_PER_MINUTE = 120;

export const widgetRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/f/:formKey/definition', {
    config: {
      isPublic: true,
      rateLimit: {
        max: DEFINITIONS_PER_MINUTE,
        timeWindow: '1 minute',
        keyGenerator: (request: FastifyRequest) =>
          `definition|${request.ip}|${(request.params as { formKey?: string }).formKey ?? ''}`,
        errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
          formErrors.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
      },
    },
    schema: {
      tags: ['forms'],
      summary:
        'Public definition of a form (fields, consent texts, honeypot, thank-you message) for the ' +
        'embeddable widget; CORS for the origins the form allows, like its submit endpoint',
      security: [],
      params: ZFormKeyParams,
      querystring: ZFormDefinitionQuery,
      response: { 200: ZPublicFormDefinition, 404: ZErrorResponse, 429: ZErrorResponse },
    },
    handler: async (request, reply) => {
      // The answer depends on these two headers; shared caches must keep one copy per value.
      reply.header('vary', 'Origin, Accept-Language');
      const form = await findActiveFormByKey(ctx.db, request.params.formKey);
      const origin = allowedOriginFor(form.allowedOrigins, request.headers.origin);
      if (origin) reply.header('access-control-allow-origin', origin);
      reply.header('cache-control', `public, max-age=${DEFINITION_MAX_AGE_SECONDS}`);
      const language = request.query.lang ?? pickPageLanguage(request.headers['accept-language']);
      return toPublicDefinition(form, language, ctx.config.publicUrl);
    },
  });

  app.get('/widget.js', {
    config: { isPublic: true },
    schema: {
      tags: ['forms'],
      summary: 'The embeddable form widget: <script src="…/widget.js" data-form="KEY" async></script>',
      security: [],
    },
    handler: async (request, reply) => {
      reply
        .header('cache-control', `public, max-age=${WIDGET_MAX_AGE_SECONDS}`)
        .header('etag', WIDGET_ETAG)
        // Pages that isolate themselves (COEP) may still load it.
        .header('cross-origin-resource-policy', 'cross-origin')
        .type('application/javascript; charset=utf-8');
      if (request.headers['if-none-match'] === WIDGET_ETAG) return reply.status(304).send();
      return reply.send(WIDGET_SOURCE);
    },
  });
};
