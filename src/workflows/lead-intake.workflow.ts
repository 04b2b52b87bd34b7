import {
  type CaptureLeadCommand,
  type LeadDto,
  toLeadDto,
  upsertLeadByIdentity,
} from '../modules/leads/index.ts';
import { type ConsentInput, type ConsentProof, recordConsents } from '../modules/privacy/index.ts';
import { recordBantValues } from '../modules/qualification/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';

export interface LeadIntake extends Omit<CaptureLeadCommand, 'defaultCountry' | 'receivedAt'> {
  consents?: ConsentInput[];
  /** BANT answers a form collected; recorded before scoring so temperature sees them. */
  bant?: { field: string; value: unknown; sourceRef: string }[];
  proof: ConsentProof;
  /** The answers of the form being submitted, by field name (routing rules test `form.<field>`). */
  formAnswers?: Record<string, unknown>;
  /** A routing form or team page: its workflow routes and greets the lead itself, after its own decisions. */
  isRoutedByCaller?: boolean;
}

export interface LeadIntakeResult {
  lead: LeadDto;
  isCreated: boolean;
  mergeProposalIds: string[];
}

const MAX_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === '23505';
}

async function workspaceDefaultCountry(ctx: AppContext): Promise<string> {
  return ctx.config.defaultCountry;
}

/**
 * Capture: upsert the lead by identity, append the consent rows and hand over to the later stages
 * (scoring, routing, first contact) — all in one transaction, so a failed capture leaves nothing.
 * `tx` lets a caller batch many captures in its own transaction (CSV import).
 */
export async function captureLead(
  ctx: AppContext,
  intake: LeadIntake,
  tx?: Database,
): Promise<LeadIntakeResult> {
  const defaultCountry = await workspaceDefaultCountry(ctx);
  const run = async (db: Database): Promise<LeadIntakeResult> => {
    const receivedAt = ctx.clock.now();
    const result = await upsertLeadByIdentity(db, { ...intake, defaultCountry, receivedAt });
    await recordConsents(
      db,
      intake.workspaceId,
      result.lead.id,
      intake.consents ?? [],
      intake.proof,
      receivedAt,
    );
    await recordBantValues(
      db,
      intake.workspaceId,
      (intake.bant ?? []).map((answer) => ({
        leadId: result.lead.id,
        ...answer,
        source: 'form',
        actor: null,
      })),
      receivedAt,
    );
    await ctx.hooks.afterLeadCaptured(db, intake.workspaceId, {
      leadId: result.lead.id,
      isCreated: result.isCreated,
      source: intake.eventSource,
      eventType: intake.eventType,
      formId: intake.proof.formId ?? null,
      hasBantAnswers: (intake.bant?.length ?? 0) > 0,
      ...(intake.formAnswers ? { formAnswers: intake.formAnswers } : {}),
      ...(intake.isRoutedByCaller ? { isRoutedByCaller: true } : {}),
    });
    return {
      lead: toLeadDto(result.lead),
      isCreated: result.isCreated,
      mergeProposalIds: result.mergeProposalIds,
    };
  };
  if (tx) return run(tx);
  return inCaptureTransaction(ctx, run);
}

/**
 * A capture and what its caller decides from the captured lead (a routing form's ending, a team
 * page's routing), in one transaction: nothing is kept unless both succeed.
 */
export async function captureLeadThen<T>(
  ctx: AppContext,
  intake: LeadIntake,
  then: (tx: Database, captured: LeadIntakeResult) => Promise<T>,
): Promise<T> {
  return inCaptureTransaction(ctx, async (tx) => then(tx, await captureLead(ctx, intake, tx)));
}

async function inCaptureTransaction<T>(ctx: AppContext, work: (tx: Database) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction((inner) => work(inner as unknown as Database));
    } catch (error) {
      // Two captures of the same new identity raced on PostgreSQL: the retry finds the winner's lead.
      if (attempt < MAX_ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
