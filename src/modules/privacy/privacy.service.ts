import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { insertRowsAsJson } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import { consents } from './privacy.tables.ts';

export const CONSENT_PURPOSES = ['marketing_email', 'whatsapp', 'sales_contact'] as const;

export const ZConsentInput = z
  .object({
    purpose: z.union([
      z.enum(CONSENT_PURPOSES),
      z.string().regex(/^x-[a-z0-9_-]{1,60}$/, 'custom purposes start with x-'),
    ]),
    channel: z.enum(['email', 'whatsapp', 'sms', 'phone', 'any']),
    granted: z.boolean(),
    text: z.string().trim().max(5000).optional(),
  })
  .strict();
export type ConsentInput = z.infer<typeof ZConsentInput>;

export interface ConsentProof {
  method: 'form' | 'api' | 'message' | 'import' | 'unsubscribe_link' | 'user';
  formId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  messageId?: string | null;
  actor?: string | null;
}

function consentRow(
  workspaceId: string,
  leadId: string,
  item: ConsentInput,
  proof: ConsentProof,
  at: Date,
): typeof consents.$inferInsert {
  return {
    id: newId('cns', at.getTime()),
    workspaceId,
    leadId,
    purpose: item.purpose,
    channel: item.channel,
    isGranted: item.granted,
    recordedAt: at,
    method: proof.method,
    formId: proof.formId ?? null,
    text: item.text ?? null,
    ip: proof.ip ?? null,
    userAgent: proof.userAgent ?? null,
    messageId: proof.messageId ?? null,
    actor: proof.actor ?? null,
  };
}

/** Appends consent rows; the ledger is never updated in place. */
export async function recordConsents(
  tx: Database,
  workspaceId: string,
  leadId: string,
  items: ConsentInput[],
  proof: ConsentProof,
  at: Date,
): Promise<void> {
  await recordConsentsOfLeads(tx, workspaceId, [{ leadId, items, proof }], at);
}

/** The consents of many leads (a batch of captures), in one insert. */
export async function recordConsentsOfLeads(
  tx: Database,
  workspaceId: string,
  entries: readonly { leadId: string; items: readonly ConsentInput[]; proof: ConsentProof }[],
  at: Date,
): Promise<void> {
  const rows = entries.flatMap(({ leadId, items, proof }) =>
    items.map((item) => consentRow(workspaceId, leadId, item, proof, at)),
  );
  if (rows.length > 0) await tx.insert(consents).values(rows);
}

export interface ConsentState {
  purpose: string;
  channel: string;
  isGranted: boolean;
  since: string;
  method: string;
}

/** Current consent per purpose and channel: the latest ledger row wins. */
export async function getCurrentConsents(
  db: Database,
  workspaceId: string,
  leadId: string,
): Promise<ConsentState[]> {
  return (await getCurrentConsentsOfLeads(db, workspaceId, [leadId])).get(leadId) ?? [];
}

/** Current consents of many leads in one query (capture batches): leads without any row are absent. */
export async function getCurrentConsentsOfLeads(
  db: Database,
  workspaceId: string,
  leadIds: readonly string[],
): Promise<Map<string, ConsentState[]>> {
  const byLead = new Map<string, ConsentState[]>();
  if (leadIds.length === 0) return byLead;
  const rows = await db
    .selectDistinctOn([consents.leadId, consents.purpose, consents.channel], {
      leadId: consents.leadId,
      purpose: consents.purpose,
      channel: consents.channel,
      isGranted: consents.isGranted,
      recordedAt: consents.recordedAt,
      method: consents.method,
    })
    .from(consents)
    .where(and(eq(consents.workspaceId, workspaceId), inArray(consents.leadId, [...leadIds])))
    .orderBy(
      consents.leadId,
      consents.purpose,
      consents.channel,
      sql`${consents.recordedAt} DESC`,
      sql`${consents.id} DESC`,
    );
  for (const row of rows) {
    const list = byLead.get(row.leadId) ?? [];
    list.push({
      purpose: row.purpose,
      channel: row.channel,
      isGranted: row.isGranted,
      since: row.recordedAt.toISOString(),
      method: row.method,
    });
    byLead.set(row.leadId, list);
  }
  return byLead;
}

/** Whether sending for `purpose` on `channel` is allowed right now (a withdrawal on channel `any` blocks all). */
export async function hasConsent(
  db: Database,
  workspaceId: string,
  leadId: string,
  purpose: string,
  channel: string,
): Promise<boolean> {
  const current = await getCurrentConsents(db, workspaceId, leadId);
  const relevant = current.filter(
    (row) => row.purpose === purpose && (row.channel === channel || row.channel === 'any'),
  );
  if (relevant.some((row) => !row.isGranted && row.channel === 'any')) return false;
  const exact =
    relevant.find((row) => row.channel === channel) ?? relevant.find((row) => row.channel === 'any');
  return exact?.isGranted ?? false;
}

export async function getConsentHistory(db: Database, workspaceId: string, leadId: string) {
  const rows = await db
    .select()
    .from(consents)
    .where(and(eq(consents.workspaceId, workspaceId), eq(consents.leadId, leadId)))
    .orderBy(asc(consents.recordedAt), asc(consents.id));
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    channel: row.channel,
    granted: row.isGranted,
    recordedAt: row.recordedAt.toISOString(),
    method: row.method,
    formId: row.formId,
    text: row.text,
    ip: row.ip,
    userAgent: row.userAgent,
    messageId: row.messageId,
    actor: row.actor,
  }));
}

/** Deletes the consent ledger of leads that are being deleted (the ledger is otherwise append-only). */
export async function deleteConsentsForLeads(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return;
  await tx
    .delete(consents)
    .where(and(eq(consents.workspaceId, workspaceId), inArray(consents.leadId, leadIds)));
}

/** Appends consent rows of many leads in one statement (history written after the fact). */
export async function recordConsentHistory(
  tx: Database,
  workspaceId: string,
  items: { leadId: string; consent: ConsentInput; proof: ConsentProof; at: Date }[],
): Promise<void> {
  await insertRowsAsJson(
    tx,
    consents,
    items.map(({ leadId, consent, proof, at }) => ({
      id: newId('cns', at.getTime()),
      workspaceId,
      leadId,
      purpose: consent.purpose,
      channel: consent.channel,
      isGranted: consent.granted,
      recordedAt: at,
      method: proof.method,
      formId: proof.formId ?? null,
      text: consent.text ?? null,
      ip: proof.ip ?? null,
      userAgent: proof.userAgent ?? null,
      messageId: proof.messageId ?? null,
      actor: proof.actor ?? null,
    })),
  );
}
