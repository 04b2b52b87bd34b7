import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { captureLead } from '../../workflows/lead-intake.workflow.ts';
import { allowedOriginFor } from './form-submission.rules.ts';
import { formErrors } from './forms.errors.ts';
import { defaultSuccessMessage, pickPageLanguage, renderThankYouPage } from './forms.pages.ts';
import {
  ZCreateFormInput,
  ZForm,
  ZFormIdParams,
  ZFormKeyParams,
  ZFormSubmissionBody,
  ZFormSubmissionQuery,
  ZFormSubmissionResponse,
  ZListFormsQuery,
  ZUpdateFormInput,
} from './forms.schemas.ts';
import {
  archiveForm,
  buildFormIntake,
  createForm,
  type FormRow,
  findActiveFormByKey,
  getForm,
  listForms,
  updateForm,
} from './forms.service.ts';
import { answerRoutingForm } from './routing-form.answer.ts';
import { widgetRoutes } from './widget.routes.ts';

/** Submissions per minute from one IP to one form: generous for people behind one NAT, short for bots. */
const SUBMISSIONS_PER_MINUTE = 10;
// Preflights cost one lookup each; a page may send one per submission attempt.
const PREFLIGHTS_PER_MINUTE = 60;
// A form post is a few fields; anything larger is not a person typing.
const SUBMISSION_BODY_LIMIT = 64 * 1024;
const USER_AGENT_MAX_LENGTH = 1000;

// The form a public request targets, loaded before body validation so even 400s carry CORS headers.
const formOfRequest = new WeakMap<FastifyRequest, FormRow>();

const rateLimitPerIpAndForm = (max: number) => ({
  max,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) =>
    `${request.ip}|${(request.params as { formKey?: string }).formKey ?? ''}`,
  errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
    formErrors.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
});

async function loadPublicForm(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const form = await findActiveFormByKey(ctx.db, (request.params as { formKey: string }).formKey);
  formOfRequest.set(request, form);
  reply.header('vary', 'Origin');
  const origin = allowedOriginFor(form.allowedOrigins, request.headers.origin);
  if (origin) reply.header('access-control-allow-origin', origin);
  return { form, origin };
}

/** A plain HTML form navigating the page (not fetch/XHR, which ask for JSON or anything). */
function isPageNavigation(request: FastifyRequest): boolean {
  const contentType = request.headers['content-type'] ?? '';
  const accept = request.headers.accept ?? '';
  return (
    contentType.startsWith('application/x-www-form-urlencoded') &&
    accept.includes('text/html') &&
    !request.headers['x-requested-with']
  );
}

export const formsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // The embeddable widget (`/widget.js`) and the public definition it reads (`/f/:formKey/definition`).
  await app.register(widgetRoutes, { ctx });

  app.post('/api/v1/forms', {
    schema: {
      tags: ['forms'],
      summary: 'Create a public capture form (admin, marketer); its key is generated',
      body: ZCreateFormInput,
      response: { 201: ZForm, 400: ZErrorResponse, 403: ZErrorResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createForm(ctx, actorOf(request), request.body)),
  });

  app.get('/api/v1/forms', {
    schema: {
      tags: ['forms'],
      summary: 'List forms, newest first (archived ones with includeArchived=true)',
      querystring: ZListFormsQuery,
      response: { 200: z.object({ data: z.array(ZForm) }) },
    },
    handler: async (request) => ({ data: await listForms(ctx, actorOf(request), request.query) }),
  });

  app.get('/api/v1/forms/:id', {
    schema: {
      tags: ['forms'],
      summary: 'Get a form',
      params: ZFormIdParams,
      response: { 200: ZForm, 404: ZErrorResponse },
    },
    handler: (request) => getForm(ctx, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/forms/:id', {
    schema: {
      tags: ['forms'],
      summary: 'Edit a form (admin, marketer); given properties replace the stored ones',
      params: ZFormIdParams,
      body: ZUpdateFormInput,
      response: { 200: ZForm, 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse },
    },
    handler: (request) => updateForm(ctx, actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/forms/:id', {
    schema: {
      tags: ['forms'],
      summary: 'Archive a form (admin, marketer): its public endpoint answers 404 from now on',
      params: ZFormIdParams,
    },
    handler: async (request, reply) => {
      await archiveForm(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  });

  app.options('/f/:formKey', {
    config: { isPublic: true, rateLimit: rateLimitPerIpAndForm(PREFLIGHTS_PER_MINUTE) },
    schema: { tags: ['forms'], summary: 'CORS preflight for a form', params: ZFormKeyParams },
    handler: async (request, reply) => {
      const { origin } = await loadPublicForm(ctx, request, reply);
      if (origin) {
        reply.header('access-control-allow-methods', 'POST');
        reply.header('access-control-allow-headers', 'Content-Type, Accept, X-Requested-With');
        reply.header('access-control-max-age', '600');
      }
      return reply.status(204).send();
    },
  });

  app.post('/f/:formKey', {
    bodyLimit: SUBMISSION_BODY_LIMIT,
    config: { isPublic: true, rateLimit: rateLimitPerIpAndForm(SUBMISSIONS_PER_MINUTE) },
    preValidation: async (request, reply) => {
      await loadPublicForm(ctx, request, reply);
    },
    schema: {
      tags: ['forms'],
      summary:
        'Submit a form (JSON or urlencoded). JSON callers get { ok, message }; a browser form post is ' +
        'redirected (303) to the success page or shown a thank-you page.',
      security: [],
      params: ZFormKeyParams,
      querystring: ZFormSubmissionQuery,
      body: ZFormSubmissionBody,
      response: {
        200: ZFormSubmissionResponse,
        400: ZErrorResponse,
        404: ZErrorResponse,
        429: ZErrorResponse,
      },
    },
    handler: async (request, reply) => {
      const form = formOfRequest.get(request) ?? (await loadPublicForm(ctx, request, reply)).form;
      const intake = buildFormIntake(
        form,
        {
          body: request.body,
          query: request.query,
          ...(request.headers.referer ? { refererHeader: request.headers.referer } : {}),
          ip: request.ip,
          userAgent: request.headers['user-agent']?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
        },
        ctx.clock.now(),
      );
      const language = pickPageLanguage(request.headers['accept-language']);
      if (form.routing)
        return answerRoutingForm(ctx, reply, {
          form: { ...form, routing: form.routing },
          intake,
          language,
          isPageNavigation: isPageNavigation(request),
        });
      // A null intake is a bot caught by the honeypot: it gets the very answer a person gets.
      if (intake) await captureLead(ctx, intake);

      const message = form.successMessage ?? defaultSuccessMessage(language);
      if (!isPageNavigation(request)) return { ok: true as const, message };
      if (form.successRedirect) return reply.redirect(form.successRedirect, 303);
      return reply
        .status(200)
        .type('text/html; charset=utf-8')
        .send(renderThankYouPage(language, message) as never);
    },
  });
};
