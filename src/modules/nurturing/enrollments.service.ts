import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { messages } from '../conversations/index.ts';
import { nurturingErrors } from './nurturing.errors.ts';
import { type EnrollmentStatus, enrollmentSteps, enrollments, sequences } from './nurturing.tables.ts';

export type EnrollmentRow = typeof enrollments.$inferSelect;

export interface EnrollmentDto {
  id: string;
  sequenceId: string;
  version: number;
  leadId: string;
  status: EnrollmentStatus;
  exitReason: string | null;
  currentStep: number;
  nextRunAt: string | null;
  enrolledAt: string;
  finishedAt: string | null;
  history: {
    step: number;
    kind: string;
    at: string;
    messageId: string | null;
    details: Record<string, unknown>;
  }[];
}

/**
 * Enrols a lead in a sequence's current version. Returns null when the lead is already in it
 * (the partial unique index decides, so two concurrent enrolments make one).
 */
export async function insertEnrollment(
  tx: Database,
  input: { workspaceId: string; sequenceId: string; leadId: string; enrolledBy: string; now: Date },
): Promise<EnrollmentRow | null> {
  const [sequence] = await tx
    .select({ version: sequences.currentVersion, status: sequences.status })
    .from(sequences)
    .where(and(eq(sequences.workspaceId, input.workspaceId), eq(sequences.id, input.sequenceId)));
  if (!sequence) throw nurturingErrors.sequenceNotFound(input.sequenceId);
  if (sequence.status !== 'active') throw nurturingErrors.sequencePaused(input.sequenceId);
  const [row] = await tx
    .insert(enrollments)
    .values({
      id: newId('enr'),
      workspaceId: input.workspaceId,
      sequenceId: input.sequenceId,
      version: sequence.version,
      leadId: input.leadId,
      status: 'active',
      enrolledBy: input.enrolledBy,
      enrolledAt: input.now,
      nextRunAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await recordStep(tx, row, 0, 'entered', input.now, { by: input.enrolledBy });
  return row;
}

export async function findActiveEnrollment(
  db: Database,
  workspaceId: string,
  sequenceId: string,
  leadId: string,
): Promise<EnrollmentRow | undefined> {
  const [row] = await db
    .select()
    .from(enrollments)
    .where(
      and(
        eq(enrollments.workspaceId, workspaceId),
        eq(enrollments.sequenceId, sequenceId),
        eq(enrollments.leadId, leadId),
        eq(enrollments.status, 'active'),
      ),
    );
  return row;
}

/** The enrolment, locked for the step that runs now (one step of one enrolment at a time). */
export async function lockEnrollment(tx: Database, enrollmentId: string): Promise<EnrollmentRow | undefined> {
  const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, enrollmentId)).for('update');
  return row;
}

export async function findEnrollment(db: Database, workspaceId: string, id: string): Promise<EnrollmentRow> {
  const [row] = await db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, id)));
  if (!row) throw nurturingErrors.enrollmentNotFound(id);
  return row;
}

export async function recordStep(
  tx: Database,
  enrollment: Pick<EnrollmentRow, 'id' | 'workspaceId' | 'sequenceId'>,
  stepIndex: number,
  kind: string,
  at: Date,
  details: Record<string, unknown> = {},
  messageId: string | null = null,
): Promise<void> {
  await tx.insert(enrollmentSteps).values({
    id: newId('ens'),
    workspaceId: enrollment.workspaceId,
    enrollmentId: enrollment.id,
    sequenceId: enrollment.sequenceId,
    stepIndex,
    kind,
    messageId,
    details,
    at,
  });
}

/** Moves the enrolment on; the new token makes any job planned for the old position a no-op. */
export async function moveEnrollment(
  tx: Database,
  enrollment: EnrollmentRow,
  changes: {
    currentStep?: number;
    nextRunAt?: Date | null;
    status?: EnrollmentStatus;
    exitReason?: string | null;
  },
  now: Date,
): Promise<EnrollmentRow> {
  const isFinished = changes.status !== undefined && changes.status !== 'active';
  const [row] = await tx
    .update(enrollments)
    .set({
      ...changes,
      stepToken: sql`${enrollments.stepToken} + 1`,
      ...(isFinished ? { finishedAt: now, nextRunAt: null } : {}),
    })
    .where(eq(enrollments.id, enrollment.id))
    .returning();
  return row!;
}

/** Active enrolments of a lead, locked, for goals (reply, booking, opt-out…) that end them. */
export async function lockActiveEnrollmentsOfLead(
  tx: Database,
  workspaceId: string,
  leadIds: readonly string[],
): Promise<EnrollmentRow[]> {
  if (leadIds.length === 0) return [];
  return tx
    .select()
    .from(enrollments)
    .where(
      and(
        eq(enrollments.workspaceId, workspaceId),
        inArray(enrollments.leadId, [...leadIds]),
        eq(enrollments.status, 'active'),
      ),
    )
    .orderBy(asc(enrollments.id))
    .for('update');
}

export async function getEnrollmentDto(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<EnrollmentDto> {
  const row = await findEnrollment(db, workspaceId, id);
  const steps = await db
    .select()
    .from(enrollmentSteps)
    .where(and(eq(enrollmentSteps.workspaceId, workspaceId), eq(enrollmentSteps.enrollmentId, id)))
    .orderBy(asc(enrollmentSteps.at), asc(enrollmentSteps.id));
  return {
    id: row.id,
    sequenceId: row.sequenceId,
    version: row.version,
    leadId: row.leadId,
    status: row.status,
    exitReason: row.exitReason,
    currentStep: row.currentStep,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    enrolledAt: row.enrolledAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    history: steps.map((step) => ({
      step: step.stepIndex,
      kind: step.kind,
      at: step.at.toISOString(),
      messageId: step.messageId,
      details: step.details,
    })),
  };
}

/** Per-step counts: entered, sent, delivered, opened, replied, booked, exited (and skipped, waited). */
export async function getSequenceStats(db: Database, workspaceId: string, sequenceId: string) {
  const rows = await db
    .select({
      step: enrollmentSteps.stepIndex,
      kind: enrollmentSteps.kind,
      count: sql<number>`count(DISTINCT ${enrollmentSteps.enrollmentId})::int`,
    })
    .from(enrollmentSteps)
    .where(and(eq(enrollmentSteps.workspaceId, workspaceId), eq(enrollmentSteps.sequenceId, sequenceId)))
    .groupBy(enrollmentSteps.stepIndex, enrollmentSteps.kind);
  // Delivery and reading come from the messages the send steps wrote (WhatsApp read receipts count as opened).
  const deliveries = await db
    .select({
      step: enrollmentSteps.stepIndex,
      delivered: sql<number>`count(*) FILTER (WHERE ${messages.status} IN ('delivered', 'read'))::int`,
      opened: sql<number>`count(*) FILTER (WHERE ${messages.status} = 'read')::int`,
    })
    .from(enrollmentSteps)
    .innerJoin(messages, eq(messages.id, enrollmentSteps.messageId))
    .where(
      and(
        eq(enrollmentSteps.workspaceId, workspaceId),
        eq(enrollmentSteps.sequenceId, sequenceId),
        eq(enrollmentSteps.kind, 'sent'),
      ),
    )
    .groupBy(enrollmentSteps.stepIndex);
  const byStep = new Map<number, Record<string, number>>();
  for (const row of rows) {
    const counts = byStep.get(row.step) ?? {};
    counts[row.kind] = row.count;
    byStep.set(row.step, counts);
  }
  for (const row of deliveries) {
    const counts = byStep.get(row.step) ?? {};
    Object.assign(counts, { delivered: row.delivered, opened: row.opened });
    byStep.set(row.step, counts);
  }
  return [...byStep.entries()]
    .sort(([left], [right]) => left - right)
    .map(([step, counts]) => ({ step, ...counts }));
}

/** Deletes the enrolments (and their step history) of leads that are being deleted. */
export async function deleteEnrollmentsForLeads(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return;
  const ids = (
    await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.workspaceId, workspaceId), inArray(enrollments.leadId, leadIds)))
  ).map((row) => row.id);
  if (ids.length === 0) return;
  await tx
    .delete(enrollmentSteps)
    .where(and(eq(enrollmentSteps.workspaceId, workspaceId), inArray(enrollmentSteps.enrollmentId, ids)));
  await tx
    .delete(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), inArray(enrollments.id, ids)));
}
