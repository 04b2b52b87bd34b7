import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId, newSecretToken } from '../../platform/ids.ts';
import type { LeadIntake } from '../../workflows/lead-intake.workflow.ts';
import { assertRole } from '../access/index.ts';
import { forms } from './capture.tables.ts';
import { findFormDefinitionProblems } from './form-definition.rules.ts';
import { isHoneypotFilled, mapSubmission } from './form-submission.rules.ts';
import { formErrors } from './forms.errors.ts';
import type { FormDefinition, FormDto, FormSubmissionBody, UpdateFormInput } from './forms.schemas.ts';

export type FormRow = typeof forms.$inferSelect;

/** Marketing owns forms; sales reps may read them (to see where a lead came from) but not change them. */
const FORM_EDITORS = ['admin', 'marketer'] as const;

// Source of the lead and of the event when the form sets none.
const DEFAULT_FORM_SOURCE = 'form';

export function toFormDto(row: FormRow, publicUrl: string): FormDto {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    fields: row.fields.map((field) => ({
      ...field,
      type: field.type ?? 'text',
      required: field.required ?? false,
    })) as FormDto['fields'],
    consents: row.consents.map((consent) => ({
      ...consent,
      required: consent.required ?? false,
    })) as FormDto['consents'],
    allowedOrigins: row.allowedOrigins,
    successRedirect: row.successRedirect,
    successMessage: row.successMessage,
    honeypotField: row.honeypotField,
    source: row.source,
    routing: (row.routing as FormDto['routing']) ?? null,
    submitUrl: `${publicUrl.replace(/\/$/, '')}/f/${row.key}`,
    createdAt: row.createdAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

function assertValidDefinition(
  definition: Pick<FormDefinition, 'fields' | 'consents' | 'honeypotField' | 'routing'>,
) {
  const problems = findFormDefinitionProblems(definition);
  if (problems.length > 0) throw formErrors.definitionInvalid(problems);
}

async function findForm(db: Database, workspaceId: string, id: string): Promise<FormRow> {
  const [row] = await db
    .select()
    .from(forms)
    .where(and(eq(forms.workspaceId, workspaceId), eq(forms.id, id)));
  if (!row) throw formErrors.notFound(id);
  return row;
}

export async function createForm(
  ctx: AppContext,
  actor: Actor,
  definition: FormDefinition,
): Promise<FormDto> {
  assertRole(actor, [...FORM_EDITORS]);
  assertValidDefinition(definition);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(forms)
    .values({
      id: newId('form', now.getTime()),
      workspaceId: actor.workspaceId,
      // 144 random bits: the key is public in page source but must not be guessable from another form's.
      key: `frm_${newSecretToken(18)}`,
      ...definition,
      createdAt: now,
    })
    .returning();
  return toFormDto(row!, ctx.config.publicUrl);
}

export async function listForms(
  ctx: AppContext,
  actor: Actor,
  options: { includeArchived: boolean },
): Promise<FormDto[]> {
  const rows = await ctx.db
    .select()
    .from(forms)
    .where(
      and(
        eq(forms.workspaceId, actor.workspaceId),
        options.includeArchived ? undefined : isNull(forms.archivedAt),
      ),
    )
    .orderBy(desc(forms.createdAt), desc(forms.id));
  return rows.map((row) => toFormDto(row, ctx.config.publicUrl));
}

export async function getForm(ctx: AppContext, actor: Actor, id: string): Promise<FormDto> {
  return toFormDto(await findForm(ctx.db, actor.workspaceId, id), ctx.config.publicUrl);
}

/** Replaces the given top-level properties; the merged definition must still be valid as a whole. */
export async function updateForm(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: UpdateFormInput,
): Promise<FormDto> {
  assertRole(actor, [...FORM_EDITORS]);
  return ctx.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const [current] = await tx
      .select()
      .from(forms)
      .where(and(eq(forms.workspaceId, actor.workspaceId), eq(forms.id, id)))
      .for('update');
    if (!current) throw formErrors.notFound(id);
    if (current.archivedAt) throw formErrors.archived(id);
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as Partial<FormRow>;
    assertValidDefinition({
      fields: (changes.fields ?? current.fields) as FormDefinition['fields'],
      consents: (changes.consents ?? current.consents) as FormDefinition['consents'],
      honeypotField: changes.honeypotField ?? current.honeypotField,
      routing: (changes.routing === undefined
        ? current.routing
        : changes.routing) as FormDefinition['routing'],
    });
    if (Object.keys(changes).length === 0) return toFormDto(current, ctx.config.publicUrl);
    const [row] = await tx
      .update(forms)
      .set(changes)
      .where(and(eq(forms.workspaceId, actor.workspaceId), eq(forms.id, id)))
      .returning();
    return toFormDto(row!, ctx.config.publicUrl);
  });
}

/** Archiving closes the public endpoint (404) and keeps the form for the leads and consents citing it. */
export async function archiveForm(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  assertRole(actor, [...FORM_EDITORS]);
  const archived = await ctx.db
    .update(forms)
    .set({ archivedAt: ctx.clock.now() })
    .where(and(eq(forms.workspaceId, actor.workspaceId), eq(forms.id, id), isNull(forms.archivedAt)))
    .returning({ id: forms.id });
  // Archiving twice is fine; an unknown id (or another workspace's) is not.
  if (archived.length === 0) await findForm(ctx.db, actor.workspaceId, id);
}

/**
 * The public entry point: the key alone names the form and, through it, the workspace — so this is
 * the one forms query not scoped by a caller's workspace.
 */
export async function findActiveFormByKey(db: Database, key: string): Promise<FormRow> {
  const [row] = await db
    .select()
    .from(forms)
    .where(and(eq(forms.key, key), isNull(forms.archivedAt)));
  if (!row) throw formErrors.publicNotFound();
  return row;
}

export interface FormSubmission {
  body: FormSubmissionBody;
  query: Record<string, unknown>;
  refererHeader?: string;
  ip: string;
  userAgent: string | null;
}

/**
 * Turns a visitor's submission into a `form_submitted` lead intake with its consents (proof: form,
 * IP, user agent), for the route to hand to the intake workflow. A filled honeypot gives null: store
 * nothing, and callers must answer exactly as for a person so bots learn nothing.
 */
export function buildFormIntake(form: FormRow, submission: FormSubmission, now: Date): LeadIntake | null {
  if (isHoneypotFilled(form.honeypotField, submission.body)) return null;
  const mapped = mapSubmission(form, submission.body, {
    query: submission.query,
    ...(submission.refererHeader ? { refererHeader: submission.refererHeader } : {}),
  });
  const source = form.source ?? DEFAULT_FORM_SOURCE;
  return {
    workspaceId: form.workspaceId,
    fields: mapped.fields,
    touch: {
      source,
      ...(mapped.utm ? { utm: mapped.utm } : {}),
      ...(mapped.referrer ? { referrer: mapped.referrer } : {}),
    },
    consents: mapped.consents,
    bant: mapped.bant,
    proof: { method: 'form', formId: form.id, ip: submission.ip, userAgent: submission.userAgent },
    eventType: 'form_submitted',
    eventSource: source,
    eventProperties: { formId: form.id, formKey: form.key, answers: mapped.answers },
    // Routing rules may test `form.<field>`; a routing form routes and greets after its endings.
    formAnswers: mapped.answers,
    ...(form.routing ? { isRoutedByCaller: true } : {}),
    occurredAt: now,
    actor: null,
  };
}
