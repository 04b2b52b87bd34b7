import { insertNewLeadsInBulk, toLeadDto } from '../modules/leads/index.ts';
import { recordConsents } from '../modules/privacy/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { captureLead, type LeadIntake, type LeadIntakeResult } from './lead-intake.workflow.ts';

/**
 * Many captures in the caller's transaction, with the same outcome as `captureLead` on each in
 * order: captures of people no lead has yet are inserted together (a few statements for hundreds of
 * rows), then the others (known identities, duplicates within the list) go through `captureLead`
 * one by one. Consents and the capture hook run for every lead, as in `captureLead`.
 * Results are in input order. Any failure throws: the caller rolls back and may retry one by one.
 */
export async function captureLeadsInBulk(
  ctx: AppContext,
  intakes: readonly LeadIntake[],
  tx: Database,
): Promise<LeadIntakeResult[]> {
  const receivedAt = ctx.clock.now();
  const created = await insertNewLeadsInBulk(
    tx,
    intakes.map((intake) => ({ ...intake, defaultCountry: ctx.config.defaultCountry, receivedAt })),
  );
  const results: LeadIntakeResult[] = [];
  for (const [index, intake] of intakes.entries()) {
    const fresh = created[index];
    if (!fresh) continue;
    await recordConsents(
      tx,
      intake.workspaceId,
      fresh.lead.id,
      intake.consents ?? [],
      intake.proof,
      receivedAt,
    );
    await ctx.hooks.afterLeadCaptured(tx, intake.workspaceId, {
      leadId: fresh.lead.id,
      isCreated: true,
      source: intake.eventSource,
    });
    results[index] = { lead: toLeadDto(fresh.lead), isCreated: true, mergeProposalIds: [] };
  }
  for (const [index, intake] of intakes.entries()) {
    if (!created[index]) results[index] = await captureLead(ctx, intake, tx);
  }
  return results;
}
