import { and, eq, inArray } from 'drizzle-orm';
import { users } from '../modules/access/index.ts';
import { EmailChannel } from '../modules/conversations/index.ts';
import { leads } from '../modules/leads/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { conversationRuntime } from './conversation-runtime.ts';

/** Outbox kind of the "this lead is now yours / no longer yours" e-mails. */
export const ASSIGNMENT_NOTICE = 'routing.notify-assignment';

/** Tells the new owner (and the previous one, on a reassignment), through the outbox of `tx`. */
export async function noticeAssignment(
  ctx: AppContext,
  tx: Database,
  input: {
    workspaceId: string;
    leadId: string;
    ownerId: string | null;
    previousOwnerId: string | null;
    assignmentId: string;
  },
): Promise<void> {
  if (!input.ownerId || input.ownerId === input.previousOwnerId) return;
  await ctx.outbox.enqueue(tx, {
    workspaceId: input.workspaceId,
    kind: ASSIGNMENT_NOTICE,
    dedupKey: `assignment:${input.assignmentId}`,
    payload: { leadId: input.leadId, ownerId: input.ownerId, previousOwnerId: input.previousOwnerId },
  });
}

/** The outbox handler: e-mails when SMTP is set up, the log otherwise. */
export function defineAssignmentNotices(ctx: AppContext): void {
  ctx.outbox.registerHandler(ASSIGNMENT_NOTICE, async (item) => {
    const payload = item.payload as { leadId: string; ownerId: string; previousOwnerId: string | null };
    const ids = [payload.ownerId, ...(payload.previousOwnerId ? [payload.previousOwnerId] : [])];
    const people = await ctx.db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.workspaceId, item.workspaceId), inArray(users.id, ids)));
    const [lead] = await ctx.db
      .select({ firstName: leads.firstName, lastName: leads.lastName, email: leads.email })
      .from(leads)
      .where(and(eq(leads.workspaceId, item.workspaceId), eq(leads.id, payload.leadId)));
    const name = [lead?.firstName, lead?.lastName].filter(Boolean).join(' ') || lead?.email || payload.leadId;
    const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/leads/${payload.leadId}`;
    const email = conversationRuntime(ctx).channels.email;
    if (!(email instanceof EmailChannel)) {
      ctx.logger.info(
        { leadId: payload.leadId, ownerId: payload.ownerId },
        'lead assigned (no SMTP: not e-mailed)',
      );
      return { notified: 'log' };
    }
    const newOwner = people.find((person) => person.id === payload.ownerId);
    const previous = people.find((person) => person.id === payload.previousOwnerId);
    const sends = [
      ...(newOwner
        ? [
            {
              to: newOwner,
              subject: `[Chaud] ${name} is now yours`,
              text: `${name} was assigned to you${previous ? ` (previously ${previous.name})` : ''}.\n\n${link}\n`,
            },
          ]
        : []),
      ...(previous
        ? [
            {
              to: previous,
              subject: `[Chaud] ${name} was reassigned`,
              text: `${name} is now followed by ${newOwner?.name ?? 'someone else'}.\n\n${link}\n`,
            },
          ]
        : []),
    ];
    for (const send of sends) {
      await email.sendToStaff({
        to: { address: send.to.email, name: send.to.name },
        subject: send.subject,
        text: send.text,
        link,
        localId: `${item.id}.${send.to.id}`,
      });
    }
    return { notified: sends.map((send) => send.to.email) };
  });
}
