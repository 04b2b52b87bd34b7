import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../context.ts';
import { UnauthorizedError } from '../errors.ts';

export const SESSION_COOKIE = 'chaud_session';

export interface Authenticator {
  byApiKey(key: string): Promise<Actor>;
  bySession(token: string): Promise<Actor | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** `public` routes skip authentication (forms, webhooks, health, booking pages). */
    isPublic?: boolean;
  }
}

/** Resolves the caller on every non-public route: Bearer API key first, then the session cookie. */
export function installAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (
      request.routeOptions.config.isPublic ||
      !request.routeOptions.url ||
      request.routeOptions.url.startsWith('/docs')
    )
      return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new UnauthorizedError('Authorization header must be "Bearer <api key>".');
      request.actor = await authenticator.byApiKey(match[1]!);
      return;
    }
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) {
      request.actor = await authenticator.bySession(token);
      if (request.actor) return;
    }
    throw new UnauthorizedError();
  });
}

/** The caller of an authenticated route (the hook guarantees it is set). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}
