import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { receiveInboundEmail, recordUnsubscribe } from '../../workflows/email-inbound.workflow.ts';
import { whatsAppDeliveryWriter } from '../../workflows/whatsapp-delivery-writer.ts';
import { receiveWhatsAppWebhook } from '../../workflows/whatsapp-inbound.workflow.ts';
import { assertRole } from '../access/index.ts';
import { listWhatsAppVerifyTokens } from './channel-settings.service.ts';
import {
  InboundEmailError,
  MAX_INBOUND_EMAIL_BYTES,
  verifyUnsubscribeToken,
} from './channels/email/index.ts';
import { decideVerification, SIGNATURE_HEADER } from './channels/whatsapp/index.ts';
import { linkSigningSecret } from './channels.factory.ts';

const ZVerifyQuery = z
  .object({
    'hub.mode': z.string().optional(),
    'hub.verify_token': z.string().optional(),
    'hub.challenge': z.string().optional(),
  })
  .passthrough();

/** Meta's webhook, the inbound e-mail webhook and one-click unsubscribe: the doors from outside. */
export const webhooksRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Concurrent WhatsApp webhooks are kept in one transaction (see whatsapp-delivery-writer.ts).
  const storeDelivery = whatsAppDeliveryWriter(ctx);
  // The signature covers the exact bytes Meta sent: keep them rather than a re-serialised object.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser(
    ['message/rfc822', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: MAX_INBOUND_EMAIL_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get('/webhooks/whatsapp', {
    config: { isPublic: true },
    schema: {
      tags: ['webhooks'],
      summary: "Meta's verification request (hub.challenge echo)",
      querystring: ZVerifyQuery,
    },
    handler: async (request, reply) => {
      const decision = decideVerification(request.query, await listWhatsAppVerifyTokens(ctx.db));
      if (!decision.isAccepted) return reply.code(403).type('text/plain').send('Forbidden');
      return reply.code(200).type('text/plain').send(decision.challenge);
    },
  });

  app.post('/webhooks/whatsapp', {
    config: { isPublic: true },
    bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags: ['webhooks'],
      summary: 'WhatsApp Cloud API notifications: signed with the app secret, stored, then processed',
      response: { 200: z.object({ received: z.literal(true) }), 401: ZErrorResponse },
    },
    handler: async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from('');
      const signature = request.headers[SIGNATURE_HEADER];
      await receiveWhatsAppWebhook(
        ctx,
        raw,
        Array.isArray(signature) ? signature[0] : signature,
        storeDelivery,
      );
      return { received: true as const };
    },
  });

  app.post('/webhooks/email/inbound', {
    bodyLimit: MAX_INBOUND_EMAIL_BYTES,
    schema: {
      tags: ['webhooks'],
      summary: 'An inbound e-mail as raw MIME (Content-Type: message/rfc822): replies, bounces, complaints',
      response: {
        202: z.object({ deliveryId: z.string() }),
        ...{ 400: ZErrorResponse, 403: ZErrorResponse },
      },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      const raw = Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(String(request.body ?? ''), 'utf8');
      const deliveryId = await receiveInboundEmail(ctx, actor.workspaceId, raw).catch((error: unknown) => {
        if (error instanceof InboundEmailError)
          throw new ValidationError(error.message, undefined, 'EMAIL_INVALID');
        throw error;
      });
      return reply.code(202).send({ deliveryId });
    },
  });

  const unsubscribe = async (token: string) => {
    const payload = verifyUnsubscribeToken(token, linkSigningSecret(ctx.config));
    if (!payload) return false;
    await recordUnsubscribe(ctx, payload.workspaceId, payload.leadId);
    return true;
  };
  const html = (title: string, body: string) =>
    `<!doctype html><html lang="fr"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><body style="font-family:system-ui;max-width:32rem;margin:3rem auto">${body}</body></html>`;
  const invalid = html('Lien invalide', '<p>Ce lien n’est pas valide. / This link is not valid.</p>');
  const ZTokenParams = z.object({ token: z.string().max(2048) });

  // A GET only asks: mail scanners open every link of a message, and must not unsubscribe anyone.
  app.get('/u/:token', {
    config: { isPublic: true },
    schema: { tags: ['webhooks'], summary: 'Unsubscribe page (asks for confirmation)', params: ZTokenParams },
    handler: async (request, reply) => {
      const isValid = verifyUnsubscribeToken(request.params.token, linkSigningSecret(ctx.config)) !== null;
      const page = html(
        'Désinscription',
        '<form method="post"><p>Ne plus recevoir nos e-mails ? / Stop receiving our e-mails?</p>' +
          '<button type="submit">Me désinscrire / Unsubscribe</button></form>',
      );
      return reply
        .code(isValid ? 200 : 400)
        .type('text/html; charset=utf-8')
        .send(isValid ? page : invalid);
    },
  });

  app.post('/u/:token', {
    config: { isPublic: true },
    schema: {
      tags: ['webhooks'],
      summary: 'Unsubscribes: the page’s button and RFC 8058 one-click (List-Unsubscribe-Post)',
      params: ZTokenParams,
    },
    handler: async (request, reply) => {
      const isDone = await unsubscribe(request.params.token);
      const done = html(
        'Désinscription',
        '<p>Vous ne recevrez plus nos e-mails. / You will not receive our e-mails any more.</p>',
      );
      return reply
        .code(isDone ? 200 : 400)
        .type('text/html; charset=utf-8')
        .send(isDone ? done : invalid);
    },
  });
};
