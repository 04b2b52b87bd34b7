import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { inboundDeliveries } from './conversations.tables.ts';

export type InboundDeliveryRow = typeof inboundDeliveries.$inferSelect;

/** Keeps a webhook body before it is acknowledged; the caller enqueues its processing in the same `tx`. */
export async function storeInboundDelivery(
  tx: Database,
  input: { workspaceId: string; provider: 'whatsapp' | 'email'; body: string; now: Date },
): Promise<string> {
  const id = newId(input.provider === 'whatsapp' ? 'whd' : 'emd');
  await tx.insert(inboundDeliveries).values({
    id,
    workspaceId: input.workspaceId,
    provider: input.provider,
    body: input.body,
    receivedAt: input.now,
  });
  return id;
}

/** Several webhook bodies in one statement (group commit of concurrent webhooks); ids in input order. */
export async function storeInboundDeliveries(
  tx: Database,
  inputs: { workspaceId: string; provider: 'whatsapp' | 'email'; body: string; now: Date }[],
): Promise<string[]> {
  const rows = inputs.map((input) => ({
    id: newId(input.provider === 'whatsapp' ? 'whd' : 'emd'),
    workspaceId: input.workspaceId,
    provider: input.provider,
    body: input.body,
    receivedAt: input.now,
  }));
  if (rows.length > 0) await tx.insert(inboundDeliveries).values(rows);
  return rows.map((row) => row.id);
}

export async function findPendingDelivery(
  db: Database,
  deliveryId: string,
): Promise<InboundDeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(inboundDeliveries)
    .where(and(eq(inboundDeliveries.id, deliveryId), isNull(inboundDeliveries.processedAt)));
  return row;
}

export async function markDeliveryProcessed(
  tx: Database,
  delivery: Pick<InboundDeliveryRow, 'id' | 'workspaceId'>,
  now: Date,
  error: string | null = null,
): Promise<void> {
  await tx
    .update(inboundDeliveries)
    .set({ processedAt: now, error })
    .where(
      and(eq(inboundDeliveries.workspaceId, delivery.workspaceId), eq(inboundDeliveries.id, delivery.id)),
    );
}
