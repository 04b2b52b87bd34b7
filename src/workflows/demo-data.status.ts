import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { users } from '../modules/access/index.ts';
import { conversations, messages } from '../modules/conversations/index.ts';
import { events, leads } from '../modules/leads/index.ts';
import { bookings } from '../modules/scheduling/index.ts';
import type { Database } from '../platform/db/database.ts';
import { ConflictError } from '../platform/errors.ts';

/** Demo reps are recognisable by their address: `claire.vasseur-<workspace>.demo@chaud.test`. */
export const DEMO_USER_EMAIL_SUFFIX = '.demo@chaud.test';
export const DEMO_MEETING_TYPE_SLUG = 'demo-decouverte';
export const DEFAULT_DEMO_LEADS = 300;
/** The `source` of demo events and bookings. */
export const DEMO_EVENT_SOURCE = 'demo';

export interface DemoCounts {
  leads: number;
  events: number;
  conversations: number;
  messages: number;
  bookings: number;
  users: number;
}

export interface DemoStatus {
  isLoaded: boolean;
  counts: DemoCounts;
}

export const demoErrors = {
  alreadyLoaded: () =>
    new ConflictError(
      'DEMO_ALREADY_LOADED',
      'Demo data is already loaded in this workspace: remove it first (DELETE /api/v1/demo or chaud demo --remove).',
    ),
};

export const isDemoLead = (workspaceId: string) =>
  and(eq(leads.workspaceId, workspaceId), sql`${leads.attributes} @> '{"demo": true}'::jsonb`);
export const isDemoUser = (workspaceId: string) =>
  and(eq(users.workspaceId, workspaceId), like(users.email, `%${DEMO_USER_EMAIL_SUFFIX}`));

export async function demoLeadIds(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ id: leads.id }).from(leads).where(isDemoLead(workspaceId));
  return rows.map((row) => row.id);
}

export async function demoUserIds(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(isDemoUser(workspaceId));
  return rows.map((row) => row.id);
}

const countOf = async (query: Promise<{ count: number }[]>) => (await query)[0]?.count ?? 0;
const count = sql<number>`count(*)::int`;

/** Whether demo data is loaded, and how many demo rows of each kind the workspace holds. */
export async function getDemoStatus(db: Database, workspaceId: string): Promise<DemoStatus> {
  const ids = await demoLeadIds(db, workspaceId);
  const hasLeads = ids.length > 0;
  const counts: DemoCounts = {
    leads: ids.length,
    events: hasLeads
      ? await countOf(
          db
            .select({ count })
            .from(events)
            .where(and(eq(events.workspaceId, workspaceId), inArray(events.leadId, ids))),
        )
      : 0,
    conversations: hasLeads
      ? await countOf(
          db
            .select({ count })
            .from(conversations)
            .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.leadId, ids))),
        )
      : 0,
    messages: hasLeads
      ? await countOf(
          db
            .select({ count })
            .from(messages)
            .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.leadId, ids))),
        )
      : 0,
    bookings: hasLeads
      ? await countOf(
          db
            .select({ count })
            .from(bookings)
            .where(and(eq(bookings.workspaceId, workspaceId), inArray(bookings.leadId, ids))),
        )
      : 0,
    users: await countOf(db.select({ count }).from(users).where(isDemoUser(workspaceId))),
  };
  return { isLoaded: hasLeads, counts };
}
