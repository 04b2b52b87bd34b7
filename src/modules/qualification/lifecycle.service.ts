import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { changeLeadStage, findVisibleLead, type LeadRow } from '../leads/index.ts';
import { decideSqlConfirmation, validateManualMove } from './lifecycle.rules.ts';

/** A person moves a lead to any stage, forward or back; the reason is required and recorded. */
export async function moveLeadStage(
  tx: Database,
  actor: Actor,
  leadId: string,
  to: string,
  reason: string | undefined,
  now: Date,
): Promise<LeadRow> {
  const lead = await findVisibleLead(tx, actor, leadId);
  const move = validateManualMove(lead.stage, to, reason);
  return changeLeadStage(tx, actor, leadId, move.to, move.reason, now, { automatic: false });
}

/** A sales rep (or an admin) confirms the lead is sales-qualified: it moves to SQL whatever its score. */
export async function confirmSql(
  tx: Database,
  actor: Actor,
  leadId: string,
  reason: string | undefined,
  now: Date,
): Promise<LeadRow> {
  const lead = await findVisibleLead(tx, actor, leadId);
  if (decideSqlConfirmation(lead.stage) === 'none') return lead;
  const why = reason?.trim() || `confirmed by ${actor.role === 'sales_rep' ? 'a sales rep' : 'an admin'}`;
  return changeLeadStage(tx, actor, leadId, 'sql', why, now, { automatic: false, confirmation: true });
}
