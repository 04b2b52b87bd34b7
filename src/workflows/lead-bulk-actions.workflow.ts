import { assertRole, getUser } from '../modules/access/index.ts';
import { assignLeadOwner, findVisibleLead } from '../modules/leads/index.ts';
import { moveLeadStage } from '../modules/qualification/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';

/** Most leads one bulk request may change (a page of the list at its largest). */
export const MAX_BULK_LEADS = 500;

export type BulkLeadAction =
  | { kind: 'assign'; ownerId: string | null; reason: string }
  | { kind: 'stage'; stage: string; reason: string };

export type BulkLeadResult =
  | { leadId: string; ok: true }
  | { leadId: string; ok: false; code: string; message: string };

/**
 * Applies one action to many leads with the rules of the single-lead endpoints: owner changes for
 * admins and marketers (`PUT /leads/:id/owner`), stage moves for everyone on the leads they see
 * (`POST /leads/:id/stage`, so a rep only moves their own). Each lead is its own transaction: one
 * refusal (not found, already at the stage, merged) is reported for that lead and the others go on.
 * Errors that are not the API's own (a lost database) stop the batch: what ran stays applied.
 */
export async function applyBulkLeadAction(
  ctx: AppContext,
  actor: Actor,
  leadIds: readonly string[],
  action: BulkLeadAction,
): Promise<{ results: BulkLeadResult[]; okCount: number; failedCount: number }> {
  if (action.kind === 'assign') {
    assertRole(actor, ['admin', 'marketer']);
    if (action.ownerId) await getUser(ctx, actor.workspaceId, action.ownerId);
  } else {
    assertRole(actor, ['admin', 'marketer', 'sales_rep']);
  }
  const results: BulkLeadResult[] = [];
  for (const leadId of new Set(leadIds)) {
    try {
      await ctx.db.transaction((txRaw) =>
        applyToLead(ctx, txRaw as unknown as Database, actor, leadId, action),
      );
      results.push({ leadId, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ leadId, ok: false, code: error.code, message: error.message });
    }
  }
  const okCount = results.filter((result) => result.ok).length;
  return { results, okCount, failedCount: results.length - okCount };
}

async function applyToLead(
  ctx: AppContext,
  tx: Database,
  actor: Actor,
  leadId: string,
  action: BulkLeadAction,
): Promise<void> {
  const now = ctx.clock.now();
  if (action.kind === 'assign') {
    await assignLeadOwner(tx, actor, leadId, action.ownerId, action.reason, now);
    return;
  }
  const before = await findVisibleLead(tx, actor, leadId);
  const after = await moveLeadStage(tx, actor, leadId, action.stage, action.reason, now);
  // The same hook as the single move: sequence triggers and goals listen to stages entered.
  if (after.stage !== before.stage)
    await ctx.hooks.afterQualificationChanged?.(tx, actor.workspaceId, [
      { leadId, temperatureTo: null, stagesEntered: [after.stage] },
    ]);
}
