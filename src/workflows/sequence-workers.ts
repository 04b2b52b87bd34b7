import { createHmac } from 'node:crypto';
import { EmailChannel, linkSigningSecret } from '../modules/conversations/index.ts';
import type { SequenceGoal } from '../modules/nurturing/index.ts';
import type { AppContext, DomainHooks } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { conversationRuntime } from './conversation-runtime.ts';
import { SEQUENCE_NOTIFY_EMAIL, SEQUENCE_WEBHOOK } from './sequence-actions.ts';
import { registerSequenceJobs } from './sequence-jobs.ts';
import { runEnrollmentStep } from './sequence-runner.workflow.ts';
import { endEnrollmentsOnGoal, enrollOnTrigger } from './sequence-triggers.workflow.ts';

const WEBHOOK_TIMEOUT_MS = 10_000;

/** `nurturing.run-step` and the outbox handlers of notify steps (composition root, before queues start). */
export function defineSequenceJobs(ctx: AppContext): void {
  registerSequenceJobs(ctx.jobs, async (data) => {
    await runEnrollmentStep(ctx, data);
  });
  ctx.outbox.registerHandler(SEQUENCE_NOTIFY_EMAIL, async (item) => {
    const payload = item.payload as {
      recipients: { email: string; name: string }[];
      leadId: string;
      message: string | null;
    };
    const email = conversationRuntime(ctx).channels.email;
    const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/leads/${payload.leadId}`;
    if (!(email instanceof EmailChannel) || payload.recipients.length === 0) {
      ctx.logger.info({ leadId: payload.leadId }, 'sequence notify step (no SMTP): logged only');
      return { notified: 'log' };
    }
    for (const recipient of payload.recipients) {
      await email.sendToStaff({
        to: { address: recipient.email, name: recipient.name },
        subject: '[Chaud] A lead needs your attention',
        text: `${payload.message ?? 'A sequence step asks you to follow up with this lead.'}\n\n${link}\n`,
        link,
        localId: `${item.id}.${recipient.email}`,
      });
    }
    return { notified: payload.recipients.map((recipient) => recipient.email) };
  });
  ctx.outbox.registerHandler(SEQUENCE_WEBHOOK, async (item) => {
    const payload = item.payload as { url: string; body: Record<string, unknown> };
    const body = JSON.stringify({ ...payload.body, id: item.dedupKey, workspaceId: item.workspaceId });
    const timestamp = String(Math.floor(ctx.clock.now().getTime() / 1000));
    // Receivers check HMAC-SHA256(secret, "<timestamp>.<body>") and reject old timestamps (replays).
    const signature = createHmac('sha256', linkSigningSecret(ctx.config))
      .update(`${timestamp}.${body}`)
      .digest('hex');
    const response = await fetch(payload.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-chaud-timestamp': timestamp,
        'x-chaud-signature': `sha256=${signature}`,
        'idempotency-key': item.dedupKey,
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      throw Object.assign(new Error(`webhook answered ${response.status}`), { permanent: true });
    }
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
    return { status: response.status };
  });
}

/** Triggers and goals of sequences, fed by captures, events and qualification moves. */
export function sequenceHooks(
  ctx: AppContext,
): Required<
  Pick<
    DomainHooks,
    'afterEventsRecorded' | 'afterLeadCaptured' | 'afterLeadsCaptured' | 'afterQualificationChanged'
  >
> {
  const enrollFormSubmissions = async (
    tx: Database,
    workspaceId: string,
    captures: { leadId: string; eventType?: string; formId?: string | null }[],
  ) => {
    const byForm = new Map<string | null, string[]>();
    for (const capture of captures) {
      if (capture.eventType !== 'form_submitted') continue;
      const formId = capture.formId ?? null;
      byForm.set(formId, [...(byForm.get(formId) ?? []), capture.leadId]);
    }
    for (const [formId, leadIds] of byForm)
      await enrollOnTrigger(ctx, tx, workspaceId, leadIds, { on: 'form_submitted', formId });
  };
  return {
    afterEventsRecorded: async (tx, workspaceId, _leadIds, events = []) => {
      const booked = events.filter((event) => event.type === 'meeting_booked').map((event) => event.leadId);
      if (booked.length > 0)
        await endEnrollmentsOnGoal(ctx, tx, workspaceId, booked, { on: 'meeting_booked' });
      for (const type of new Set(events.map((event) => event.type))) {
        const leadIds = events.filter((event) => event.type === type).map((event) => event.leadId);
        await enrollOnTrigger(ctx, tx, workspaceId, leadIds, { on: 'event_received', type });
      }
    },
    afterLeadCaptured: (tx, workspaceId, capture) => enrollFormSubmissions(tx, workspaceId, [capture]),
    afterLeadsCaptured: (tx, workspaceId, captures) => enrollFormSubmissions(tx, workspaceId, captures),
    afterQualificationChanged: async (tx, workspaceId, changes) => {
      for (const change of changes) {
        for (const stage of change.stagesEntered) {
          await endEnrollmentsOnGoal(ctx, tx, workspaceId, [change.leadId], {
            on: 'stage_reached',
            stage: stage as Extract<SequenceGoal, { on: 'stage_reached' }>['stage'],
          });
          await enrollOnTrigger(ctx, tx, workspaceId, [change.leadId], { on: 'stage_entered', stage });
        }
        if (change.temperatureTo)
          await enrollOnTrigger(ctx, tx, workspaceId, [change.leadId], {
            on: 'temperature_changed',
            to: change.temperatureTo,
          });
      }
    },
  };
}
