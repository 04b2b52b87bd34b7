import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  decideChannelPermission,
  EmailChannel,
  findLeadConversation,
  findWhatsAppAccount,
  linkSigningSecret,
  openConversation,
  queueOutboundMessage,
} from '../modules/conversations/index.ts';
import { leads } from '../modules/leads/index.ts';
import { getCurrentConsents } from '../modules/privacy/index.ts';
import {
  type BookingRow,
  bookingIcs,
  findBooking,
  findMeetingType,
  findWorkspaceUser,
  signBookingToken,
} from '../modules/scheduling/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import type { JobDefinition, JobQueue } from '../platform/jobs/job-queue.ts';
import { conversationRuntime } from './conversation-runtime.ts';

/** Outbox kind of the invitation (or cancellation) e-mails to the lead and the rep. */
export const INVITATION_EFFECT = 'scheduling.send-invitation';

const ZReminderJob = z.object({
  workspaceId: z.string(),
  bookingId: z.string(),
  sequence: z.number().int(),
  kind: z.enum(['24h', '1h']),
});
const definitions = new WeakMap<JobQueue, JobDefinition<typeof ZReminderJob>>();

export async function enqueueReminder(
  ctx: AppContext,
  tx: Database,
  booking: BookingRow,
  kind: '24h' | '1h',
  at: Date,
): Promise<void> {
  const definition = definitions.get(ctx.jobs);
  if (!definition) throw new Error('scheduling.send-reminder is not defined');
  await ctx.jobs.send(
    definition,
    { workspaceId: booking.workspaceId, bookingId: booking.id, sequence: booking.sequence, kind },
    { tx, startAfter: at },
  );
}

/** Links of a booking: reschedule and cancel pages, signed. */
export function bookingLinks(ctx: AppContext, booking: Pick<BookingRow, 'workspaceId' | 'id'>) {
  const secret = linkSigningSecret(ctx.config);
  const base = ctx.config.publicUrl.replace(/\/+$/, '');
  return {
    reschedule: `${base}/book/manage/${signBookingToken({ workspaceId: booking.workspaceId, bookingId: booking.id, action: 'reschedule' }, secret)}`,
    cancel: `${base}/book/manage/${signBookingToken({ workspaceId: booking.workspaceId, bookingId: booking.id, action: 'cancel' }, secret)}`,
  };
}

function whenText(booking: BookingRow, zone: string, language: 'fr' | 'en'): string {
  return DateTime.fromJSDate(booking.startAt)
    .setZone(zone)
    .setLocale(language === 'fr' ? 'fr-FR' : 'en-GB')
    .toFormat(language === 'fr' ? "cccc d LLLL 'à' HH:mm (ZZZZ)" : "cccc d LLLL 'at' HH:mm (ZZZZ)");
}

/** Outbox handlers and the reminder job (composition root, before queues start). */
export function defineBookingJobs(ctx: AppContext): void {
  ctx.outbox.registerHandler(INVITATION_EFFECT, async (item) => {
    const payload = item.payload as { bookingId: string; sequence: number; method: 'REQUEST' | 'CANCEL' };
    const email = conversationRuntime(ctx).channels.email;
    if (!(email instanceof EmailChannel)) return { sent: 'no_smtp' };
    const booking = await findBooking(ctx.db, item.workspaceId, payload.bookingId);
    const rep = await findWorkspaceUser(ctx.db, item.workspaceId, booking.userId);
    const meetingType = await findMeetingType(ctx.db, item.workspaceId, booking.meetingTypeId);
    const [lead] = await ctx.db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, item.workspaceId), eq(leads.id, booking.leadId)));
    const language = lead?.language?.startsWith('en') ? 'en' : 'fr';
    const ics = bookingIcs({
      booking: { ...booking, sequence: payload.sequence },
      rep,
      lead: lead ?? null,
      meetingType,
      method: payload.method,
      organizer: email.from,
      now: ctx.clock.now(),
    });
    const links = bookingLinks(ctx, booking);
    const recipients = [
      ...(lead?.email ? [{ address: lead.email, zone: booking.leadTimezone }] : []),
      { address: rep.email, zone: rep.timezone },
    ];
    for (const recipient of recipients) {
      const isCancel = payload.method === 'CANCEL';
      const subject = isCancel
        ? language === 'fr'
          ? `Annulé : ${meetingType.name}`
          : `Cancelled: ${meetingType.name}`
        : `${meetingType.name} — ${whenText(booking, recipient.zone, language)}`;
      const text = isCancel
        ? language === 'fr'
          ? 'Ce rendez-vous est annulé.'
          : 'This meeting is cancelled.'
        : [
            language === 'fr'
              ? `Rendez-vous confirmé : ${whenText(booking, recipient.zone, language)}.`
              : `Meeting confirmed: ${whenText(booking, recipient.zone, language)}.`,
            '',
            `${language === 'fr' ? 'Déplacer' : 'Reschedule'}: ${links.reschedule}`,
            `${language === 'fr' ? 'Annuler' : 'Cancel'}: ${links.cancel}`,
          ].join('\n');
      await email.sender.send({
        from: email.from,
        to: { address: recipient.address },
        subject,
        text,
        messageId: `<${item.id}.${recipient.address.replace(/[^a-z0-9]/gi, '')}@${email.from.address.split('@')[1] ?? 'localhost'}>`,
        unsubscribeUrl: links.cancel,
        calendar: { method: payload.method, content: ics },
      });
    }
    return { sent: recipients.map((recipient) => recipient.address) };
  });

  definitions.set(
    ctx.jobs,
    ctx.jobs.define({
      name: 'scheduling.send-reminder',
      schema: ZReminderJob,
      concurrency: 2,
      handle: (data) => sendReminder(ctx, data),
    }),
  );
}

/** A reminder: only for a booking still confirmed at the time it was planned for (same sequence). */
async function sendReminder(ctx: AppContext, job: z.infer<typeof ZReminderJob>): Promise<void> {
  await ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const booking = await findBooking(tx, job.workspaceId, job.bookingId).catch(() => null);
    if (booking?.status !== 'confirmed' || booking.sequence !== job.sequence) return;
    const [lead] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, job.workspaceId), eq(leads.id, booking.leadId)));
    if (!lead) return;
    const language = lead.language?.startsWith('en') ? 'en' : 'fr';
    const when = whenText(booking, booking.leadTimezone, language);
    const text =
      language === 'fr'
        ? `Rappel : votre rendez-vous est ${job.kind === '24h' ? 'demain' : 'dans une heure'}, ${when}.`
        : `Reminder: your meeting is ${job.kind === '24h' ? 'tomorrow' : 'in one hour'}, ${when}.`;
    const consents = await getCurrentConsents(tx, job.workspaceId, lead.id);
    const now = ctx.clock.now();
    const address = lead.whatsappId ?? lead.phone?.replace(/^\+/, '') ?? null;
    const account = await findWhatsAppAccount(tx, job.workspaceId);
    if (
      address &&
      account &&
      decideChannelPermission(consents, 'whatsapp', { hasLeadWritten: false }).isAllowed
    ) {
      const conversation =
        (await findLeadConversation(tx, job.workspaceId, lead.id, 'whatsapp')) ??
        (await openConversation(tx, {
          workspaceId: job.workspaceId,
          leadId: lead.id,
          channel: 'whatsapp',
          contactAddress: address,
          language,
          agentState: {},
          now,
        }));
      await queueOutboundMessage(tx, ctx.outbox, {
        conversation,
        content: {
          kind: 'template',
          purpose: 'booking_reminder',
          parameters: [lead.firstName ?? (language === 'fr' ? 'Bonjour' : 'Hello'), when],
          text,
        },
        author: 'system',
        now,
        purpose: 'booking_reminder',
      });
    }
    if (lead.email && conversationRuntime(ctx).channels.email) {
      const conversation =
        (await findLeadConversation(tx, job.workspaceId, lead.id, 'email')) ??
        (await openConversation(tx, {
          workspaceId: job.workspaceId,
          leadId: lead.id,
          channel: 'email',
          contactAddress: lead.email,
          language,
          agentState: {},
          now,
        }));
      // A reminder of a meeting the lead booked is a service message: sent unless they opted out.
      if (!decideChannelPermission(consents, 'email', { hasLeadWritten: true }).isOptedOut)
        await queueOutboundMessage(tx, ctx.outbox, {
          conversation,
          content: {
            kind: 'email',
            subject: language === 'fr' ? 'Rappel de rendez-vous' : 'Meeting reminder',
            text,
          },
          author: 'system',
          now,
          purpose: 'booking_reminder',
        });
    }
  });
}
