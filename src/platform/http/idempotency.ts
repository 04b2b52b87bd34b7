import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { idempotencyKeys } from '../db/platform.tables.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { stableStringify } from '../stable-json.ts';

export interface HandlerResult {
  status: number;
  body: unknown;
}

/**
 * Honours `Idempotency-Key` on a write: the same key and body replay the first answer, the same key
 * with another body is a 409. The key is reserved before the work so two concurrent retries cannot
 * both perform it; a failed attempt releases the key so the client may retry.
 */
export async function runIdempotent(
  db: Database,
  workspaceId: string,
  route: string,
  request: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<HandlerResult>,
): Promise<void> {
  const rawKey = request.headers['idempotency-key'];
  if (rawKey === undefined) {
    const result = await work();
    await reply.status(result.status).send(result.body);
    return;
  }
  const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
  if (!key || key.length > 255)
    throw new ValidationError(
      'Idempotency-Key must be 1 to 255 characters.',
      undefined,
      'IDEMPOTENCY_KEY_INVALID',
    );
  const requestHash = createHash('sha256')
    .update(stableStringify(request.body ?? null))
    .digest('hex');
  const scope = and(
    eq(idempotencyKeys.workspaceId, workspaceId),
    eq(idempotencyKeys.route, route),
    eq(idempotencyKeys.key, key),
  );

  const reserved = await db
    .insert(idempotencyKeys)
    .values({ workspaceId, route, key, requestHash, statusCode: 0, response: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (reserved.length === 0) {
    const [stored] = await db.select().from(idempotencyKeys).where(scope);
    if (!stored)
      throw new ConflictError(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'A request with this Idempotency-Key is being processed; retry shortly.',
      );
    if (stored.requestHash !== requestHash) {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body.',
      );
    }
    if (stored.statusCode === 0) {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'A request with this Idempotency-Key is being processed; retry shortly.',
      );
    }
    reply.header('idempotent-replayed', 'true');
    await reply.status(stored.statusCode).send(stored.response);
    return;
  }
  try {
    const result = await work();
    await db
      .update(idempotencyKeys)
      .set({ statusCode: result.status, response: result.body as object })
      .where(scope);
    await reply.status(result.status).send(result.body);
  } catch (error) {
    await db.delete(idempotencyKeys).where(scope);
    throw error;
  }
}
