import { and, eq, gte } from 'drizzle-orm';
import { events, leads, toLeadDto } from '../modules/leads/index.ts';
import {
  countSequenceSendsSince,
  type EnrollmentRow,
  evaluateCondition,
  loadNurturingSettings,
  loadSequenceVersion,
  lockEnrollment,
  moveEnrollment,
  nextSendTime,
  recordStep,
  resolveStepTarget,
  resolveZone,
  type SequenceDefinition,
  type SequenceStep,
  sendWindowOf,
  startOfLocalDay,
  startOfNextLocalDay,
  waitUntil,
} from '../modules/nurturing/index.ts';
import { loadCurrentBant } from '../modules/qualification/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { applyUpdateStep, notifyFromStep } from './sequence-actions.ts';
import { scheduleEnrollmentStep } from './sequence-jobs.ts';
import { sendSequenceMessage } from './sequence-send.ts';

// Steps that take no time (branch, update, notify, skipped sends) run in one go; a definition that
// loops through branches without a wait would spin: stop after this many and exit the enrolment.
const MAX_STEPS_PER_RUN = 50;

type LeadRow = typeof leads.$inferSelect;

async function eventsSinceEnrolment(tx: Database, enrollment: EnrollmentRow): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ type: events.type })
    .from(events)
    .where(
      and(
        eq(events.workspaceId, enrollment.workspaceId),
        eq(events.leadId, enrollment.leadId),
        gte(events.receivedAt, enrollment.enrolledAt),
      ),
    );
  return rows.map((row) => row.type);
}

async function branchFacts(tx: Database, lead: LeadRow, enrollment: EnrollmentRow, now: Date) {
  const bant = (await loadCurrentBant(tx, lead.workspaceId, [lead.id])).get(lead.id) ?? {};
  return {
    score: lead.score,
    temperature: lead.temperature as 'cold' | 'warm' | 'hot',
    stage: lead.stage,
    bant: Object.fromEntries(Object.entries(bant).map(([field, entry]) => [field, entry?.value])),
    lead: toLeadDto(lead) as unknown as Record<string, unknown>,
    eventsSinceEnrolment: await eventsSinceEnrolment(tx, enrollment),
    now,
  };
}

/**
 * The job of one enrolment position: runs the steps that take no time, stops at a wait, a closed
 * send window or the end. Everything it decides (messages through the outbox, the next job, the
 * history) is written in one transaction with the move, and a job whose token is stale does
 * nothing — so a crash or a redelivery never skips nor repeats a step.
 */
export async function runEnrollmentStep(
  ctx: AppContext,
  job: { enrollmentId: string; stepToken: number },
): Promise<string> {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    let enrollment = await lockEnrollment(tx, job.enrollmentId);
    if (enrollment?.status !== 'active' || enrollment.stepToken !== job.stepToken) return 'stale';
    const now = ctx.clock.now();
    // Fired before its time (the database's clock runs ahead of ours): plan it again, change nothing.
    if (enrollment.nextRunAt && enrollment.nextRunAt.getTime() > now.getTime()) {
      await scheduleEnrollmentStep(ctx, tx, enrollment, enrollment.nextRunAt);
      return 'early';
    }
    const definition = await loadSequenceVersion(
      tx,
      enrollment.workspaceId,
      enrollment.sequenceId,
      enrollment.version,
    );
    const [lead] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, enrollment.workspaceId), eq(leads.id, enrollment.leadId)));
    if (!lead || lead.mergedIntoId) {
      await moveEnrollment(tx, enrollment, { status: 'exited', exitReason: 'lead_merged' }, now);
      return 'exited';
    }
    const settings = await loadNurturingSettings(tx, enrollment.workspaceId);
    const zone = resolveZone(lead.timezone, settings.timezone);
    let index = enrollment.currentStep;
    for (let ran = 0; ran < MAX_STEPS_PER_RUN; ran++) {
      const step: SequenceStep | undefined = definition.steps[index];
      if (!step) {
        await recordStep(tx, enrollment, index, 'completed', now);
        await moveEnrollment(tx, enrollment, { currentStep: index, status: 'completed' }, now);
        return 'completed';
      }
      const outcome = await runStep(ctx, tx, {
        enrollment,
        definition,
        step,
        index,
        lead,
        zone,
        settings,
        now,
      });
      if (outcome.kind === 'next') {
        index = outcome.index;
        continue;
      }
      if (outcome.kind === 'finish') {
        await moveEnrollment(
          tx,
          enrollment,
          { currentStep: index, status: outcome.status, exitReason: outcome.reason },
          now,
        );
        return outcome.status;
      }
      enrollment = await moveEnrollment(
        tx,
        enrollment,
        { currentStep: outcome.index, nextRunAt: outcome.at },
        now,
      );
      await scheduleEnrollmentStep(ctx, tx, enrollment, outcome.at);
      return 'waiting';
    }
    await recordStep(tx, enrollment, index, 'exited', now, { reason: 'step_limit' });
    await moveEnrollment(
      tx,
      enrollment,
      { currentStep: index, status: 'exited', exitReason: 'step_limit' },
      now,
    );
    return 'exited';
  });
}

type StepOutcome =
  | { kind: 'next'; index: number }
  | { kind: 'later'; index: number; at: Date }
  | { kind: 'finish'; status: 'completed' | 'exited'; reason: string | null };

interface StepContext {
  enrollment: EnrollmentRow;
  definition: SequenceDefinition;
  step: SequenceStep;
  index: number;
  lead: LeadRow;
  zone: string;
  settings: Awaited<ReturnType<typeof loadNurturingSettings>>;
  now: Date;
}

async function runStep(ctx: AppContext, tx: Database, input: StepContext): Promise<StepOutcome> {
  const { enrollment, definition, step, index, lead, zone, settings, now } = input;
  switch (step.type) {
    case 'send': {
      const window = sendWindowOf(definition);
      const opensAt = nextSendTime(now, window, zone);
      if (opensAt.getTime() > now.getTime()) {
        await recordStep(tx, enrollment, index, 'waited', now, {
          reason: 'send_window',
          until: opensAt.toISOString(),
        });
        return { kind: 'later', index, at: opensAt };
      }
      const cap = definition.dailyCap ?? settings.dailyCapPerLead;
      const sentToday = await countSequenceSendsSince(
        tx,
        lead.workspaceId,
        lead.id,
        startOfLocalDay(now, zone),
      );
      if (sentToday >= cap) {
        const tomorrow = nextSendTime(startOfNextLocalDay(now, zone), window, zone);
        await recordStep(tx, enrollment, index, 'waited', now, {
          reason: 'daily_cap',
          until: tomorrow.toISOString(),
        });
        return { kind: 'later', index, at: tomorrow };
      }
      const sent = await sendSequenceMessage(ctx, tx, { lead, step, enrollment, now });
      if (sent.kind === 'opted_out') {
        await recordStep(tx, enrollment, index, 'exited', now, { reason: 'opt_out' });
        return { kind: 'finish', status: 'exited', reason: 'opt_out' };
      }
      await recordStep(
        tx,
        enrollment,
        index,
        sent.kind === 'sent' ? 'sent' : 'skipped',
        now,
        sent.kind === 'sent' ? { channel: step.channel } : { reason: sent.reason },
        sent.kind === 'sent' ? sent.messageId : null,
      );
      return { kind: 'next', index: index + 1 };
    }
    case 'wait': {
      // Business days skip the public holidays of the lead's country (the default country when unknown).
      const at = waitUntil(step, now, zone, lead.country ?? ctx.config.defaultCountry);
      await recordStep(tx, enrollment, index, 'waited', now, { until: at.toISOString() });
      return { kind: 'later', index: index + 1, at };
    }
    case 'branch': {
      const isTrue = evaluateCondition(step.if, await branchFacts(tx, lead, enrollment, now));
      const target = resolveStepTarget(definition, isTrue ? step.then : step.else);
      await recordStep(tx, enrollment, index, 'branched', now, { result: isTrue, to: target });
      return { kind: 'next', index: target };
    }
    case 'update':
      await applyUpdateStep(ctx, tx, lead, step, now);
      await recordStep(tx, enrollment, index, 'updated', now);
      return { kind: 'next', index: index + 1 };
    case 'notify':
      await notifyFromStep(ctx, tx, lead, step, enrollment, index);
      await recordStep(tx, enrollment, index, 'notified', now);
      return { kind: 'next', index: index + 1 };
    case 'exit': {
      const reason = step.reason ?? 'exit_step';
      await recordStep(tx, enrollment, index, 'exited', now, { reason });
      return { kind: 'finish', status: 'exited', reason };
    }
  }
}
