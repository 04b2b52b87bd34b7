import { and, desc, eq, gte, inArray, isNotNull, notInArray, or, sql } from 'drizzle-orm';
import { type Actor, systemActor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { announceSettingsChange, settingsCache } from '../../platform/settings-cache.ts';
import { users } from '../access/index.ts';
import { assignLeadOwner, leads, toLeadDto } from '../leads/index.ts';
import { getAvailability } from '../scheduling/index.ts';
import { capacityPeriodStart, decideEligibility } from './eligibility.rules.ts';
import { type MemberEligibility, parseRoundRobinState, type RoundRobinState } from './round-robin.rules.ts';
import { decideRoute, type RoutingTrace } from './route-lead.rules.ts';
import { leadAssignments, routingRules, routingSettings, teamMembers, teams } from './routing.tables.ts';
import { emailDomainOf, routingFactsOf } from './routing-facts.rules.ts';
import type { RoutingRule } from './routing-rule.schemas.ts';
import { findStickyOwner, normalizeDomain } from './stickiness.rules.ts';

/** The rule id a team booking page's routing shows in its trace. */
export const TEAM_PAGE_RULE_ID = 'team_page';

// Leads in these stages no longer count against a rep's capacity.
const CLOSED_STAGES = ['customer', 'disqualified'];

const ROUTING_SETUP = 'routing_setup';
const routingSetups = settingsCache<boolean>(ROUTING_SETUP);

/** In the transaction that adds or removes a rule, a team or the fallback owner. */
export function announceRoutingSetupChange(tx: Database, workspaceId: string): Promise<void> {
  return announceSettingsChange(tx, ROUTING_SETUP, workspaceId);
}

/**
 * Whether the workspace routes at all (a rule, a team or a fallback owner): captures skip it
 * otherwise. Read through the process's settings cache (every capture batch asks).
 */
export function isRoutingConfigured(db: Database, workspaceId: string): Promise<boolean> {
  return routingSetups.get(db, workspaceId, (tx) => hasRoutingSetup(tx, workspaceId));
}

async function hasRoutingSetup(db: Database, workspaceId: string): Promise<boolean> {
  const rows = await db.execute<{ found: number }>(sql`
    SELECT 1 AS found WHERE EXISTS (SELECT 1 FROM ${routingRules} WHERE ${routingRules.workspaceId} = ${workspaceId} AND ${routingRules.isActive})
      OR EXISTS (SELECT 1 FROM ${teams} WHERE ${teams.workspaceId} = ${workspaceId})
      OR EXISTS (SELECT 1 FROM ${routingSettings} WHERE ${routingSettings.workspaceId} = ${workspaceId} AND ${routingSettings.fallbackUserId} IS NOT NULL)`);
  const list = Array.isArray(rows) ? rows : ((rows as { rows?: unknown[] }).rows ?? []);
  return list.length > 0;
}

export interface RouteOutcome {
  ownerId: string | null;
  previousOwnerId: string | null;
  trace: RoutingTrace;
  assignmentId: string;
}

async function ownersByDomain(tx: Database, workspaceId: string, domains: string[], exceptLeadId: string) {
  const map = new Map<string, string>();
  if (domains.length === 0) return map;
  const rows = await tx
    .select({ email: leads.email, companyDomain: leads.companyDomain, ownerId: leads.ownerId })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, workspaceId),
        isNotNull(leads.ownerId),
        sql`${leads.id} <> ${exceptLeadId}`,
        or(
          inArray(leads.companyDomain, domains),
          inArray(sql`lower(split_part(${leads.email}, '@', 2))`, domains),
        ),
      ),
    )
    .orderBy(desc(leads.updatedAt))
    .limit(50);
  for (const row of rows) {
    for (const domain of [row.companyDomain, row.email ? emailDomainOf(row.email) : null]) {
      const key = domain ? normalizeDomain(domain) : null;
      if (key && domains.includes(key) && !map.has(key)) map.set(key, row.ownerId!);
    }
  }
  return map;
}

async function eligibilityOf(
  tx: Database,
  workspaceId: string,
  userIds: string[],
  respectByUser: Map<string, boolean>,
  capacity: { maxOpenLeads: number; periodDays: number } | null,
  now: Date,
): Promise<Map<string, MemberEligibility>> {
  const result = new Map<string, MemberEligibility>();
  if (userIds.length === 0) return result;
  const members = await tx
    .select({ id: users.id, isActive: users.isActive })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, userIds)));
  const open = new Map<string, number>();
  if (capacity) {
    const rows = await tx
      .select({ ownerId: leads.ownerId, count: sql<number>`count(*)::int` })
      .from(leads)
      .where(
        and(
          eq(leads.workspaceId, workspaceId),
          inArray(leads.ownerId, userIds),
          notInArray(leads.stage, CLOSED_STAGES),
          gte(leads.updatedAt, capacityPeriodStart(now, capacity.periodDays)),
        ),
      )
      .groupBy(leads.ownerId);
    for (const row of rows) if (row.ownerId) open.set(row.ownerId, row.count);
  }
  for (const member of members) {
    const availability = await getAvailability(tx, workspaceId, member.id);
    result.set(
      member.id,
      decideEligibility({
        user: { isActive: member.isActive },
        outOfOffice: availability.outOfOffice ?? [],
        workingHours: {
          timezone: availability.timezone,
          weekly: availability.weekly,
          overrides: availability.overrides ?? [],
        },
        respectWorkingHours: respectByUser.get(member.id) ?? false,
        openLeads: open.get(member.id) ?? 0,
        capacity,
        now,
      }),
    );
  }
  for (const id of userIds) if (!result.has(id)) result.set(id, { eligible: false, reason: 'inactive' });
  return result;
}

/**
 * Decides and records who owns a lead: sticky owner, then rules by priority (teams by fair weighted
 * round-robin, skipping reps out of office, off hours or at capacity), then the fallback. The
 * decision, its trace and the round-robin position are written in `tx`.
 */
export async function routeLead(
  tx: Database,
  workspaceId: string,
  leadId: string,
  now: Date,
  options: {
    formAnswers?: Record<string, unknown>;
    actor?: Actor;
    /** A team's booking page: that team replaces the rules (stickiness and the fallback still apply). */
    teamId?: string;
  } = {},
): Promise<RouteOutcome> {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)))
    .for('update');
  if (!row) throw new Error(`lead ${leadId} not found`);
  const lead = toLeadDto(row);
  const ruleRows = await tx.select().from(routingRules).where(eq(routingRules.workspaceId, workspaceId));
  const rules: RoutingRule[] = ruleRows.map((rule) => ({
    id: rule.id,
    name: rule.name,
    priority: rule.priority,
    conditions: rule.conditions as unknown as RoutingRule['conditions'],
    target: rule.targetTeamId ? { teamId: rule.targetTeamId } : { userId: rule.targetUserId! },
    isActive: rule.isActive,
  }));
  const teamRows = await tx.select().from(teams).where(eq(teams.workspaceId, workspaceId)).for('update');
  const memberRows = await tx.select().from(teamMembers).where(eq(teamMembers.workspaceId, workspaceId));
  const [settings] = await tx
    .select()
    .from(routingSettings)
    .where(eq(routingSettings.workspaceId, workspaceId));
  const respectByUser = new Map<string, boolean>();
  for (const member of memberRows) {
    const team = teamRows.find((item) => item.id === member.teamId);
    respectByUser.set(
      member.userId,
      (respectByUser.get(member.userId) ?? false) || (team?.respectWorkingHours ?? true),
    );
  }
  const domains = [...new Set([lead.email ? emailDomainOf(lead.email) : null, lead.company?.domain ?? null])]
    .filter((domain): domain is string => Boolean(domain))
    .map(normalizeDomain);
  const byDomain = await ownersByDomain(tx, workspaceId, domains, lead.id);
  const candidateIds = [
    ...new Set([
      ...memberRows.map((member) => member.userId),
      ...rules.flatMap((rule) => ('userId' in rule.target ? [rule.target.userId] : [])),
      ...(settings?.fallbackUserId ? [settings.fallbackUserId] : []),
      ...(row.ownerId ? [row.ownerId] : []),
      ...byDomain.values(),
    ]),
  ];
  const eligibility = await eligibilityOf(
    tx,
    workspaceId,
    candidateIds,
    respectByUser,
    settings?.capacity ?? null,
    now,
  );
  const activeUserIds = new Set(
    [...eligibility.entries()].filter(([, item]) => item.reason !== 'inactive').map(([id]) => id),
  );
  const sticky = findStickyOwner({
    lead: {
      ownerId: row.ownerId,
      emailDomain: lead.email ? emailDomainOf(lead.email) : null,
      companyDomain: lead.company?.domain ?? null,
    },
    ownersByDomain: byDomain,
    activeUserIds,
  });
  const states = new Map<string, RoundRobinState>(
    teamRows.map((team) => [team.id, parseRoundRobinState(team.roundRobinState)]),
  );
  const teamOfPage = options.teamId ? teamRows.find((team) => team.id === options.teamId) : undefined;
  const decision = decideRoute({
    facts: routingFactsOf(lead as unknown as Parameters<typeof routingFactsOf>[0], options.formAnswers ?? {}),
    rules: options.teamId
      ? [
          {
            id: TEAM_PAGE_RULE_ID,
            name: `Booking page of team ${teamOfPage?.name ?? options.teamId}`,
            priority: 0,
            conditions: { always: true },
            target: { teamId: options.teamId },
            isActive: true,
          },
        ]
      : rules,
    teams: teamRows.map((team) => ({
      id: team.id,
      name: team.name,
      members: memberRows
        .filter((member) => member.teamId === team.id)
        .map((member) => ({ userId: member.userId, weight: member.weight })),
    })),
    sticky,
    eligibilityByUser: eligibility,
    roundRobinStates: states,
    fallbackUserId: settings?.fallbackUserId ?? null,
    now,
  });
  for (const team of teamRows) {
    const next = decision.roundRobinStates.get(team.id);
    if (next && next !== states.get(team.id))
      await tx
        .update(teams)
        .set({ roundRobinState: next as unknown as Record<string, unknown> })
        .where(eq(teams.id, team.id));
  }
  if (decision.ownerId && decision.ownerId !== row.ownerId) {
    await assignLeadOwner(
      tx,
      options.actor ?? systemActor(workspaceId),
      leadId,
      decision.ownerId,
      `routing:${decision.trace.decidedBy}`,
      now,
    );
  }
  const assignmentId = newId('asg');
  await tx.insert(leadAssignments).values({
    id: assignmentId,
    workspaceId,
    leadId,
    ownerId: decision.ownerId,
    previousOwnerId: row.ownerId,
    decidedBy: decision.trace.decidedBy,
    trace: decision.trace as unknown as Record<string, unknown>,
    at: now,
  });
  return { ownerId: decision.ownerId, previousOwnerId: row.ownerId, trace: decision.trace, assignmentId };
}
