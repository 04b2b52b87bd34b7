import { and, eq } from 'drizzle-orm';
import { users } from '../modules/access/index.ts';
import { changeLeadStage, type leads, updateLeadFields } from '../modules/leads/index.ts';
import type { EnrollmentRow, SequenceStep } from '../modules/nurturing/index.ts';
import { type Actor, type AppContext, systemActor } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';

type LeadRow = typeof leads.$inferSelect;

/** Outbox kinds of the notify step: an e-mail to the owner, a signed webhook. */
export const SEQUENCE_NOTIFY_EMAIL = 'nurturing.notify-email';
export const SEQUENCE_WEBHOOK = 'nurturing.webhook';

/** The update step: a stage move with its reason, a lead attribute, a tag — as the system actor. */
export async function applyUpdateStep(
  ctx: AppContext,
  tx: Database,
  lead: LeadRow,
  step: Extract<SequenceStep, { type: 'update' }>,
  now: Date,
): Promise<void> {
  const actor: Actor = systemActor(lead.workspaceId);
  if (step.stage && step.stage.to !== lead.stage) {
    await changeLeadStage(tx, actor, lead.id, step.stage.to, step.stage.reason ?? 'sequence', now, {
      automatic: true,
    });
  }
  if (step.field || step.tag) {
    // Attributes hold scalars: a tag is the attribute `tag_<name>` set to true.
    const attributes: Record<string, string | number | boolean | null> = {};
    const fields: Record<string, unknown> = {};
    if (step.field?.name.startsWith('attributes.'))
      attributes[step.field.name.slice('attributes.'.length)] = step.field.value;
    else if (step.field) fields[step.field.name] = step.field.value;
    if (step.tag) attributes[`tag_${step.tag}`] = true;
    // Through the lead's event log, so the change survives a rebuild of the lead from its events.
    await updateLeadFields(
      tx,
      actor,
      lead.id,
      { ...fields, ...(Object.keys(attributes).length > 0 ? { attributes } : {}) },
      now,
      ctx.config.defaultCountry,
    );
  }
}

/** The notify step: the owner (or the admins) by e-mail, and a signed webhook, through the outbox. */
export async function notifyFromStep(
  ctx: AppContext,
  tx: Database,
  lead: LeadRow,
  step: Extract<SequenceStep, { type: 'notify' }>,
  enrollment: EnrollmentRow,
  index: number,
): Promise<void> {
  const dedup = `seq:${enrollment.id}:${enrollment.stepToken}:${index}`;
  if (step.email !== false) {
    const recipients = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(
        and(
          eq(users.workspaceId, lead.workspaceId),
          lead.ownerId ? eq(users.id, lead.ownerId) : eq(users.role, 'admin'),
        ),
      );
    await ctx.outbox.enqueue(tx, {
      workspaceId: lead.workspaceId,
      kind: SEQUENCE_NOTIFY_EMAIL,
      dedupKey: `${dedup}:email`,
      payload: {
        recipients,
        leadId: lead.id,
        sequenceId: enrollment.sequenceId,
        message: step.message ?? null,
      },
    });
  }
  if (step.webhook) {
    await ctx.outbox.enqueue(tx, {
      workspaceId: lead.workspaceId,
      kind: SEQUENCE_WEBHOOK,
      dedupKey: `${dedup}:webhook`,
      payload: {
        url: step.webhook,
        body: {
          type: 'sequence.notify',
          leadId: lead.id,
          sequenceId: enrollment.sequenceId,
          enrollmentId: enrollment.id,
          step: index,
          message: step.message ?? null,
        },
      },
    });
  }
}
