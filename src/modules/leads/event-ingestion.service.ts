import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { isPricingUrl, isPublicEventType } from './event-types.rules.ts';
import { appendEvents, type NewEvent } from './events.service.ts';
import { normalizeEmail } from './identity.rules.ts';
import { ZInstant } from './leads.schemas.ts';
import { visibleLeadsCondition } from './leads.service.ts';
import { leadIdentities, leads } from './leads.tables.ts';

export const MAX_EVENTS_PER_BATCH = 1000;

export const ZEventInput = z
  .object({
    leadId: z.string().min(1).max(100).optional(),
    email: z.string().max(320).optional(),
    type: z.string().min(1).max(80),
    occurredAt: ZInstant.optional(),
    source: z.string().trim().min(1).max(100).optional(),
    properties: z
      .record(z.string().max(100), z.unknown())
      .refine((value) => JSON.stringify(value).length <= 16_384, 'properties must stay under 16 KB')
      .optional(),
    dedupKey: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((value) => value.leadId || value.email, {
    message: 'leadId or email is required',
    path: ['leadId'],
  });
export type EventInput = z.infer<typeof ZEventInput>;

export type EventItemResult =
  | { index: number; status: 'accepted'; id: string; leadId: string }
  | { index: number; status: 'duplicate'; leadId: string }
  | { index: number; status: 'rejected'; error: { code: string; message: string; details?: unknown } };

// Events can be back-dated (imports of history) but not from the future beyond clock skew.
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Validates each item on its own and records the valid ones in one transaction:
 * one bad item never blocks the others, and a failed transaction records none.
 */
export async function ingestEvents(
  db: Database,
  actor: Actor,
  rawItems: unknown[],
  now: Date,
  onRecorded: (
    tx: Database,
    leadIds: string[],
    recorded: { leadId: string; type: string }[],
  ) => Promise<void> = async () => {},
  pricingPatterns?: readonly string[],
): Promise<{ accepted: number; rejected: number; results: EventItemResult[]; leadIds: string[] }> {
  const results: EventItemResult[] = [];
  const valid: { index: number; input: EventInput }[] = [];
  rawItems.forEach((raw, index) => {
    const parsed = ZEventInput.safeParse(raw);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      results[index] = {
        index,
        status: 'rejected',
        error: { code: 'VALIDATION_FAILED', message: 'Invalid event', details },
      };
    } else if (!isPublicEventType(parsed.data.type)) {
      results[index] = {
        index,
        status: 'rejected',
        error: {
          code: 'EVENT_TYPE_INVALID',
          message: `Unknown event type "${parsed.data.type}"; custom types start with "x-".`,
        },
      };
    } else if (
      parsed.data.occurredAt &&
      new Date(parsed.data.occurredAt).getTime() > now.getTime() + MAX_FUTURE_SKEW_MS
    ) {
      results[index] = {
        index,
        status: 'rejected',
        error: { code: 'EVENT_IN_FUTURE', message: 'occurredAt is in the future.' },
      };
    } else {
      valid.push({ index, input: parsed.data });
    }
  });

  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const byId = await resolveByLeadId(
      tx,
      actor,
      valid.map((item) => item.input.leadId).filter((id): id is string => !!id),
    );
    const byEmail = await resolveByEmail(
      tx,
      actor,
      valid.map((item) => item.input.email).filter((email): email is string => !!email),
    );
    const toInsert: { index: number; event: NewEvent }[] = [];
    for (const { index, input } of valid) {
      const leadId = input.leadId
        ? byId.get(input.leadId)
        : byEmail.get(safeNormalizeEmail(input.email ?? '') ?? '');
      if (!leadId) {
        results[index] = {
          index,
          status: 'rejected',
          error: {
            code: 'LEAD_NOT_FOUND',
            message: `No lead ${input.leadId ?? input.email} in this workspace.`,
          },
        };
        continue;
      }
      const properties = { ...input.properties };
      if (input.type === 'page_viewed' && typeof properties.url === 'string') {
        properties.isPricingPage = isPricingUrl(properties.url, pricingPatterns);
      }
      toInsert.push({
        index,
        event: {
          workspaceId: actor.workspaceId,
          leadId,
          type: input.type,
          occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
          receivedAt: now,
          source: input.source ?? (actor.via === 'api_key' ? 'api' : 'app'),
          properties,
          actor: actor.userId,
          dedupKey: input.dedupKey ?? null,
        },
      });
    }
    const ids = await appendEvents(
      tx,
      toInsert.map((item) => item.event),
    );
    toInsert.forEach((item, position) => {
      const id = ids[position];
      results[item.index] = id
        ? { index: item.index, status: 'accepted', id, leadId: item.event.leadId }
        : { index: item.index, status: 'duplicate', leadId: item.event.leadId };
    });
    const accepted = results.filter((result) => result.status !== 'rejected').length;
    const leadIds = [
      ...new Set(toInsert.filter((_, position) => ids[position]).map((item) => item.event.leadId)),
    ];
    const recorded = toInsert
      .filter((_, position) => ids[position])
      .map((item) => ({ leadId: item.event.leadId, type: item.event.type }));
    if (leadIds.length > 0) await onRecorded(tx, leadIds, recorded);
    return { accepted, rejected: results.length - accepted, results, leadIds };
  });
}

function safeNormalizeEmail(email: string): string | null {
  try {
    return normalizeEmail(email);
  } catch {
    return null;
  }
}

async function resolveByLeadId(tx: Database, actor: Actor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: leads.id, mergedIntoId: leads.mergedIntoId })
    .from(leads)
    .where(and(visibleLeadsCondition(actor), inArray(leads.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.mergedIntoId ?? row.id]));
}

async function resolveByEmail(tx: Database, actor: Actor, emails: string[]): Promise<Map<string, string>> {
  const normalized = [...new Set(emails.map(safeNormalizeEmail).filter((email): email is string => !!email))];
  if (normalized.length === 0) return new Map();
  const rows = await tx
    .select({ value: leadIdentities.value, leadId: leads.id, mergedIntoId: leads.mergedIntoId })
    .from(leadIdentities)
    .innerJoin(leads, eq(leads.id, leadIdentities.leadId))
    .where(
      and(
        visibleLeadsCondition(actor),
        eq(leadIdentities.kind, 'email'),
        inArray(leadIdentities.value, normalized),
      ),
    );
  return new Map(rows.map((row) => [row.value, row.mergedIntoId ?? row.leadId]));
}
