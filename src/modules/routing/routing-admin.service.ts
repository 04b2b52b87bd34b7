import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { users } from '../access/index.ts';
import { routingErrors } from './routing.errors.ts';
import { announceRoutingSetupChange } from './routing.service.ts';
import { routingRules, routingSettings, teamMembers, teams } from './routing.tables.ts';
import {
  parseRoutingRule,
  parseTeam,
  type RoutingRuleInput,
  type TeamInput,
} from './routing-rule.schemas.ts';

function valueOrThrow<T>(
  parsed: { ok: true; value: T } | { ok: false; errors: { path: string; message: string }[] },
  code: string,
): T {
  if (parsed.ok) return parsed.value;
  throw new ValidationError(
    parsed.errors.map((error) => `${error.path}: ${error.message}`).join('; '),
    parsed.errors,
    code,
  );
}

async function assertMembers(db: Database, workspaceId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, userIds)));
  const known = new Set(rows.map((row) => row.id));
  const missing = userIds.find((id) => !known.has(id));
  if (missing) throw routingErrors.unknownUser(missing);
}

export async function createTeam(
  db: Database,
  actor: Actor,
  input: unknown,
  now: Date,
): Promise<{ id: string }> {
  const team: TeamInput = valueOrThrow(parseTeam(input), 'TEAM_INVALID');
  await assertMembers(
    db,
    actor.workspaceId,
    team.members.map((member) => member.userId),
  );
  const id = newId('team');
  try {
    await db.transaction(async (inner) => {
      const tx = inner as unknown as Database;
      await announceRoutingSetupChange(tx, actor.workspaceId);
      await tx.insert(teams).values({
        id,
        workspaceId: actor.workspaceId,
        name: team.name,
        slug: team.slug,
        respectWorkingHours: team.workingHours?.respect ?? true,
        createdAt: now,
      });
      if (team.members.length > 0)
        await tx.insert(teamMembers).values(
          team.members.map((member) => ({
            workspaceId: actor.workspaceId,
            teamId: id,
            userId: member.userId,
            weight: member.weight ?? 1,
          })),
        );
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505')
      throw routingErrors.teamSlugTaken(team.slug);
    throw error;
  }
  return { id };
}

async function findTeamId(db: Database, workspaceId: string, id: string): Promise<string> {
  const [team] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
  if (!team) throw routingErrors.teamNotFound(id);
  return team.id;
}

/**
 * Replaces a team's name, slug, working-hours setting and members (with their weights). The round-robin
 * position is kept: members no longer in the team are simply never chosen again.
 */
export async function updateTeam(
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<{ id: string }> {
  const team: TeamInput = valueOrThrow(parseTeam(input), 'TEAM_INVALID');
  const teamId = await findTeamId(db, actor.workspaceId, id);
  await assertMembers(
    db,
    actor.workspaceId,
    team.members.map((member) => member.userId),
  );
  try {
    await db.transaction(async (inner) => {
      const tx = inner as unknown as Database;
      await tx
        .update(teams)
        .set({ name: team.name, slug: team.slug, respectWorkingHours: team.workingHours?.respect ?? true })
        .where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, teamId)));
      await tx
        .delete(teamMembers)
        .where(and(eq(teamMembers.workspaceId, actor.workspaceId), eq(teamMembers.teamId, teamId)));
      if (team.members.length > 0)
        await tx.insert(teamMembers).values(
          team.members.map((member) => ({
            workspaceId: actor.workspaceId,
            teamId,
            userId: member.userId,
            weight: member.weight ?? 1,
          })),
        );
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505')
      throw routingErrors.teamSlugTaken(team.slug);
    throw error;
  }
  return { id: teamId };
}

/** Deletes a team no rule sends leads to (409 TEAM_IN_USE otherwise, naming the rules). */
export async function deleteTeam(db: Database, actor: Actor, id: string): Promise<void> {
  const teamId = await findTeamId(db, actor.workspaceId, id);
  const rules = await db
    .select({ name: routingRules.name })
    .from(routingRules)
    .where(and(eq(routingRules.workspaceId, actor.workspaceId), eq(routingRules.targetTeamId, teamId)));
  if (rules.length > 0)
    throw routingErrors.teamInUse(
      teamId,
      rules.map((rule) => rule.name),
    );
  await db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.workspaceId, actor.workspaceId), eq(teamMembers.teamId, teamId)));
    await tx.delete(teams).where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, teamId)));
    await announceRoutingSetupChange(tx, actor.workspaceId);
  });
}

export async function listTeams(db: Database, workspaceId: string) {
  const rows = await db
    .select()
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.name));
  const members = await db.select().from(teamMembers).where(eq(teamMembers.workspaceId, workspaceId));
  return rows.map((team) => ({
    id: team.id,
    name: team.name,
    slug: team.slug,
    respectWorkingHours: team.respectWorkingHours,
    members: members
      .filter((member) => member.teamId === team.id)
      .map((member) => ({ userId: member.userId, weight: member.weight })),
  }));
}

export async function createRoutingRule(
  db: Database,
  actor: Actor,
  input: unknown,
  now: Date,
): Promise<{ id: string }> {
  const rule: RoutingRuleInput = valueOrThrow(parseRoutingRule(input), 'ROUTING_RULE_INVALID');
  const target = rule.target as { teamId?: string; userId?: string };
  if (target.teamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, target.teamId)));
    if (!team) throw routingErrors.unknownTeam(target.teamId);
  }
  if (target.userId) await assertMembers(db, actor.workspaceId, [target.userId]);
  const id = newId('rrl');
  await db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    await tx.insert(routingRules).values({
      id,
      workspaceId: actor.workspaceId,
      name: rule.name,
      priority: rule.priority,
      conditions: rule.conditions as unknown as Record<string, unknown>,
      targetTeamId: target.teamId ?? null,
      targetUserId: target.userId ?? null,
      isActive: rule.isActive ?? true,
      createdAt: now,
    });
    await announceRoutingSetupChange(tx, actor.workspaceId);
  });
  return { id };
}

export async function listRoutingRules(db: Database, workspaceId: string) {
  const rows = await db
    .select()
    .from(routingRules)
    .where(eq(routingRules.workspaceId, workspaceId))
    .orderBy(asc(routingRules.priority), asc(routingRules.createdAt));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    priority: row.priority,
    conditions: row.conditions,
    target: row.targetTeamId ? { teamId: row.targetTeamId } : { userId: row.targetUserId },
    isActive: row.isActive,
  }));
}

export async function deleteRoutingRule(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const deleted = await tx
      .delete(routingRules)
      .where(and(eq(routingRules.workspaceId, actor.workspaceId), eq(routingRules.id, id)))
      .returning({ id: routingRules.id });
    if (deleted.length === 0) throw routingErrors.ruleNotFound(id);
    await announceRoutingSetupChange(tx, actor.workspaceId);
  });
}

export interface RoutingSettingsDto {
  fallbackUserId: string | null;
  capacity: { maxOpenLeads: number; periodDays: number } | null;
}

export async function loadRoutingSettings(db: Database, workspaceId: string): Promise<RoutingSettingsDto> {
  const [row] = await db.select().from(routingSettings).where(eq(routingSettings.workspaceId, workspaceId));
  return { fallbackUserId: row?.fallbackUserId ?? null, capacity: row?.capacity ?? null };
}

export async function saveRoutingSettings(
  db: Database,
  actor: Actor,
  settings: RoutingSettingsDto,
  now: Date,
): Promise<RoutingSettingsDto> {
  if (settings.fallbackUserId) await assertMembers(db, actor.workspaceId, [settings.fallbackUserId]);
  const values = { fallbackUserId: settings.fallbackUserId, capacity: settings.capacity, updatedAt: now };
  await db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    await tx
      .insert(routingSettings)
      .values({ workspaceId: actor.workspaceId, ...values })
      .onConflictDoUpdate({ target: routingSettings.workspaceId, set: values });
    await announceRoutingSetupChange(tx, actor.workspaceId);
  });
  return loadRoutingSettings(db, actor.workspaceId);
}
