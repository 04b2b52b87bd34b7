import { toLeadDto, upsertLeadByIdentity, upsertLeadsInBulk } from '../modules/leads/index.ts';
import { recordConsentsOfLeads } from '../modules/privacy/index.ts';
import { recordBantValues } from '../modules/qualification/index.ts';
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
  const consentsOfLeads: Parameters<typeof recordConsentsOfLeads>[2][number][] = [];
  const bantAnswers: Parameters<typeof recordBantValues>[2][number][] = [];
  for (const [index, command] of commands.entries()) {
    const result = created[index] ?? (await upsertLeadByIdentity(tx, command));
    consentsOfLeads.push({ leadId: result.lead.id, items: command.consents ?? [], proof: command.proof });
    for (const answer of command.bant ?? [])
      bantAnswers.push({ leadId: result.lead.id, ...answer, source: 'form', actor: null });
    captures.push({
      leadId: result.lead.id,
      isCreated: result.isCreated,
      source: command.eventSource,
      isImport: command.proof.method === 'import',
      ...(command.eventType ? { eventType: command.eventType } : {}),
      formId: command.proof.formId ?? null,
      hasBantAnswers: (command.bant?.length ?? 0) > 0,
    });
    results[index] = {
      lead: toLeadDto(result.lead),
      isCreated: result.isCreated,
      mergeProposalIds: result.mergeProposalIds,
    };
  }
  // Before the hooks: scoring reads the BANT values, the first contact they may queue reads the consents.
  await recordConsentsOfLeads(tx, workspaceId, consentsOfLeads, receivedAt);
  await recordBantValues(tx, workspaceId, bantAnswers, receivedAt);
  await runCaptureHooks(ctx, tx, workspaceId, captures);
  return results;
}
