import { toLeadDto, upsertLeadByIdentity, upsertLeadsInBulk } from '../modules/leads/index.ts';
import { recordConsents } from '../modules/privacy/index.ts';
import { recordBantValue } from '../modules/qualification/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import type { LeadIntake, LeadIntakeResult } from './lead-intake.workflow.ts';

type Capture = Parameters<NonNullable<AppContext['hooks']['afterLeadsCaptured']>>[2][number];

async function runCaptureHooks(
  ctx: AppContext,
  tx: Database,
  workspaceId: string,
  captures: Capture[],
): Promise<void> {
  if (captures.length === 0) return;
  if (ctx.hooks.afterLeadsCaptured) await ctx.hooks.afterLeadsCaptured(tx, workspaceId, captures);
  else for (const capture of captures) await ctx.hooks.afterLeadCaptured(tx, workspaceId, capture);
}

/**
 * Many captures into one workspace in the caller's transaction, with the same leads, events and
 * consents as `captureLead` on each in order: captures of people no lead has yet are inserted
 * together (a few statements for hundreds of rows); the others (known identities, duplicates within
 * the list) are upserted one by one after them. The capture hooks (scoring, qualification) then run
 * once for the whole list rather than once per lead. Results are in input order. Any failure
 * throws: the caller rolls back and may retry one capture at a time with `captureLead`.
 */
export async function captureLeadsInBulk(
  ctx: AppContext,
  workspaceId: string,
  intakes: readonly LeadIntake[],
  tx: Database,
): Promise<LeadIntakeResult[]> {
  if (intakes.some((intake) => intake.workspaceId !== workspaceId)) {
    throw new Error('captureLeadsInBulk: every intake must belong to the given workspace');
  }
  const receivedAt = ctx.clock.now();
  const commands = intakes.map((intake) => ({
    ...intake,
    defaultCountry: ctx.config.defaultCountry,
    receivedAt,
  }));
  const created = await upsertLeadsInBulk(tx, commands);
  const results: LeadIntakeResult[] = [];
  const captures: Capture[] = [];
  for (const [index, command] of commands.entries()) {
    const result = created[index] ?? (await upsertLeadByIdentity(tx, command));
    await recordConsents(tx, workspaceId, result.lead.id, command.consents ?? [], command.proof, receivedAt);
    for (const answer of command.bant ?? []) {
      await recordBantValue(
        tx,
        { workspaceId, leadId: result.lead.id, ...answer, source: 'form', actor: null },
        receivedAt,
      );
    }
    captures.push({
      leadId: result.lead.id,
      isCreated: result.isCreated,
      source: command.eventSource,
      isImport: command.proof.method === 'import',
      ...(command.eventType ? { eventType: command.eventType } : {}),
      formId: command.proof.formId ?? null,
    });
    results[index] = {
      lead: toLeadDto(result.lead),
      isCreated: result.isCreated,
      mergeProposalIds: result.mergeProposalIds,
    };
  }
  await runCaptureHooks(ctx, tx, workspaceId, captures);
  return results;
}
