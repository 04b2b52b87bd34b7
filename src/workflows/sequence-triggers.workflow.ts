import { and, eq, inArray } from 'drizzle-orm';
import { findVisibleLead, leads } from '../modules/leads/index.ts';
import {
  type EnrollmentRow,
  ensureDefaultSequences,
  findActiveEnrollment,
  findEnrollment,
  goalsOf,
  insertEnrollment,
  listTriggeredSequences,
  loadSequenceVersion,
  lockActiveEnrollmentsOfLead,
  lockEnrollment,
  moveEnrollment,
  nurturingErrors,
  recordStep,
  type SequenceGoal,
  type SequenceTrigger,
} from '../modules/nurturing/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { scheduleEnrollmentStep } from './sequence-jobs.ts';

/** Something that may start sequences (a trigger) for some leads. */
export type TriggerOccurrence =
  | { on: 'stage_entered'; stage: string }
  | { on: 'temperature_changed'; to: string }
  | { on: 'event_received'; type: string }
  | { on: 'form_submitted'; formId: string | null };

function matches(trigger: SequenceTrigger, occurrence: TriggerOccurrence): boolean {
  if (trigger.on === 'stage_entered' && occurrence.on === 'stage_entered')
    return trigger.stage === occurrence.stage;
  if (trigger.on === 'temperature_changed' && occurrence.on === 'temperature_changed')
    return trigger.to === occurrence.to;
  if (trigger.on === 'event_received' && occurrence.on === 'event_received')
    return trigger.type === occurrence.type;
  if (trigger.on === 'form_submitted' && occurrence.on === 'form_submitted')
    return trigger.formId === undefined || trigger.formId === occurrence.formId;
  return false;
}

/** Enrols the leads in every active sequence whose trigger matches; already enrolled leads are left as they are. */
export async function enrollOnTrigger(
  ctx: AppContext,
  tx: Database,
  workspaceId: string,
  leadIds: readonly string[],
  occurrence: TriggerOccurrence,
): Promise<EnrollmentRow[]> {
  if (leadIds.length === 0) return [];
  const candidates = (await listTriggeredSequences(tx, workspaceId)).filter((sequence) =>
    matches(sequence.trigger as unknown as SequenceTrigger, occurrence),
  );
  if (candidates.length === 0) return [];
  const live = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, [...leadIds])));
  const created: EnrollmentRow[] = [];
  const now = ctx.clock.now();
  for (const sequence of candidates) {
    for (const { id: leadId } of live) {
      const enrollment = await insertEnrollment(tx, {
        workspaceId,
        sequenceId: sequence.id,
        leadId,
        enrolledBy: `trigger:${occurrence.on}`,
        now,
      });
      if (!enrollment) continue;
      await scheduleEnrollmentStep(ctx, tx, enrollment, null);
      created.push(enrollment);
    }
  }
  return created;
}

/**
 * A goal reached (reply on any channel, meeting booked, stage reached, opt-out, hard bounce) ends
 * the lead's enrolments whose sequence lists it, at once: pending jobs find a new token and stop.
 */
export async function endEnrollmentsOnGoal(
  ctx: AppContext,
  tx: Database,
  workspaceId: string,
  leadIds: readonly string[],
  goal: SequenceGoal,
): Promise<number> {
  const active = await lockActiveEnrollmentsOfLead(tx, workspaceId, leadIds);
  let ended = 0;
  const now = ctx.clock.now();
  for (const enrollment of active) {
    const definition = await loadSequenceVersion(tx, workspaceId, enrollment.sequenceId, enrollment.version);
    if (!goalsOf(definition).some((item) => isSameGoal(item, goal))) continue;
    const reason = goal.on === 'stage_reached' ? `stage_reached:${goal.stage}` : goal.on;
    const kind = goal.on === 'reply' ? 'replied' : goal.on === 'meeting_booked' ? 'booked' : 'exited';
    await recordStep(tx, enrollment, enrollment.currentStep, kind, now, { reason });
    await moveEnrollment(tx, enrollment, { status: 'exited', exitReason: reason }, now);
    ended++;
  }
  return ended;
}

function isSameGoal(declared: SequenceGoal, reached: SequenceGoal): boolean {
  if (declared.on !== reached.on) return false;
  if (declared.on === 'stage_reached' && reached.on === 'stage_reached')
    return declared.stage === reached.stage;
  return true;
}

/** Seeds the default sequences of a workspace the first time its sequences are used. */
export async function ensureWorkspaceSequences(ctx: AppContext, workspaceId: string): Promise<void> {
  await ensureDefaultSequences(ctx.db, workspaceId, ctx.clock.now());
}

/** Manual or API enrolment: 409 SEQUENCE_ALREADY_ENROLLED while the lead is in the sequence. */
export async function enrollLead(
  ctx: AppContext,
  actor: Actor,
  sequenceId: string,
  leadId: string,
): Promise<EnrollmentRow> {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const lead = await findVisibleLead(tx, actor, leadId);
    const enrollment = await insertEnrollment(tx, {
      workspaceId: actor.workspaceId,
      sequenceId,
      leadId: lead.id,
      enrolledBy: actor.userId ? `user:${actor.userId}` : actor.via,
      now: ctx.clock.now(),
    });
    if (!enrollment) {
      const active = await findActiveEnrollment(tx, actor.workspaceId, sequenceId, lead.id);
      throw nurturingErrors.alreadyEnrolled(lead.id, active?.id ?? '');
    }
    await scheduleEnrollmentStep(ctx, tx, enrollment, null);
    return enrollment;
  });
}

/** Unenrols: the enrolment ends at once, whatever its next step was. */
export async function unenrollLead(ctx: AppContext, actor: Actor, enrollmentId: string): Promise<void> {
  await ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const found = await findEnrollment(tx, actor.workspaceId, enrollmentId);
    await findVisibleLead(tx, actor, found.leadId);
    const locked = await lockEnrollment(tx, found.id);
    if (locked?.status !== 'active') return;
    const now = ctx.clock.now();
    await recordStep(tx, locked, locked.currentStep, 'exited', now, { reason: 'unenrolled' });
    await moveEnrollment(tx, locked, { status: 'exited', exitReason: 'unenrolled' }, now);
  });
}
