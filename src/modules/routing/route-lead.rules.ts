import type { SkipReason } from './eligibility.rules.ts';
import {
  chooseTeamMember,
  emptyRoundRobinState,
  type MemberEligibility,
  type RoundRobinState,
  type TeamMember,
} from './round-robin.rules.ts';
import { evaluateRoutingCondition } from './routing-condition.rules.ts';
import type { RoutingFacts } from './routing-facts.rules.ts';
import type { RoutingRule } from './routing-rule.schemas.ts';
import type { StickyOwner } from './stickiness.rules.ts';

export interface RoutingTeam {
  id: string;
  name: string;
  members: readonly TeamMember[];
}

/** Why a matching rule did not assign, so the next one was tried. */
export type FallThrough = 'no_eligible_member' | 'unknown_team' | 'user_unavailable';

export interface SkippedRep {
  userId: string;
  reason: SkipReason;
  /** The team it was skipped in; absent for a rule's own rep or the fallback. */
  teamId?: string;
}

/** How an assignment was decided; stored with it as JSON. */
export interface RoutingTrace {
  decidedBy: 'sticky' | 'rule' | 'fallback' | 'none';
  /** When the decision was made (ISO 8601). */
  at: string;
  rule?: { id: string; name: string; explanation: string };
  team?: { id: string; name: string };
  /** Reps passed over, in the order they were met, with why. */
  skipped: SkippedRep[];
  /** Rules tried, in priority order, until one assigned. */
  evaluatedRules: {
    id: string;
    name: string;
    matched: boolean;
    explanation: string;
    fellThrough?: FallThrough;
  }[];
  /** The sticky owner found, and whether it kept the lead (a deactivated user does not). */
  sticky?: StickyOwner & { applied: boolean };
}

export interface RouteInput {
  facts: RoutingFacts;
  /** Tried by ascending priority (ties keep their order); inactive rules are ignored. */
  rules: readonly RoutingRule[];
  teams: readonly RoutingTeam[];
  sticky: StickyOwner | null;
  /** Reps missing from the map are eligible. */
  eligibilityByUser: ReadonlyMap<string, MemberEligibility>;
  /** By team id; a team without one starts fresh. */
  roundRobinStates: ReadonlyMap<string, RoundRobinState>;
  fallbackUserId: string | null;
  now: Date;
}

export interface RouteDecision {
  ownerId: string | null;
  trace: RoutingTrace;
  /** The input states with the team that assigned (if any) moved on: persist the changed one. */
  roundRobinStates: Map<string, RoundRobinState>;
}

function unavailable(eligibility: MemberEligibility | undefined): SkipReason | null {
  return eligibility && !eligibility.eligible ? (eligibility.reason ?? 'inactive') : null;
}

/**
 * Decides who owns a lead: its sticky owner while that user is active; else the first matching rule
 * (by priority) whose target can take it: a team's round-robin pick, or the rule's rep when eligible,
 * a rule that cannot assign falls through to the next; else the fallback owner unless deactivated
 * (out of office or busy, they still get it: someone must); else nobody.
 */
export function decideRoute(input: RouteInput): RouteDecision {
  const states = new Map(input.roundRobinStates);
  const trace: RoutingTrace = {
    decidedBy: 'none',
    at: input.now.toISOString(),
    skipped: [],
    evaluatedRules: [],
  };
  const decide = (ownerId: string | null): RouteDecision => ({ ownerId, trace, roundRobinStates: states });

  if (input.sticky) {
    const applied = unavailable(input.eligibilityByUser.get(input.sticky.userId)) !== 'inactive';
    trace.sticky = { ...input.sticky, applied };
    if (applied) {
      trace.decidedBy = 'sticky';
      return decide(input.sticky.userId);
    }
  }

  const teams = new Map(input.teams.map((team) => [team.id, team]));
  const rules = input.rules
    .filter((rule) => rule.isActive !== false)
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => a.rule.priority - b.rule.priority || a.index - b.index);
  for (const { rule } of rules) {
    const { matched, explanation } = evaluateRoutingCondition(rule.conditions, input.facts);
    const evaluated: RoutingTrace['evaluatedRules'][number] = {
      id: rule.id,
      name: rule.name,
      matched,
      explanation,
    };
    trace.evaluatedRules.push(evaluated);
    if (!matched) continue;

    if ('userId' in rule.target) {
      const userId = rule.target.userId;
      const reason = unavailable(input.eligibilityByUser.get(userId));
      if (reason) {
        trace.skipped.push({ userId, reason });
        evaluated.fellThrough = 'user_unavailable';
        continue;
      }
      trace.decidedBy = 'rule';
      trace.rule = { id: rule.id, name: rule.name, explanation };
      return decide(userId);
    }

    const team = teams.get(rule.target.teamId);
    if (!team) {
      evaluated.fellThrough = 'unknown_team';
      continue;
    }
    const choice = chooseTeamMember({
      members: team.members,
      state: states.get(team.id) ?? emptyRoundRobinState(),
      eligibility: input.eligibilityByUser,
    });
    trace.skipped.push(...choice.skipped.map((skip) => ({ ...skip, teamId: team.id })));
    if (choice.userId === null) {
      evaluated.fellThrough = 'no_eligible_member';
      continue;
    }
    states.set(team.id, choice.state);
    trace.decidedBy = 'rule';
    trace.rule = { id: rule.id, name: rule.name, explanation };
    trace.team = { id: team.id, name: team.name };
    return decide(choice.userId);
  }

  if (input.fallbackUserId) {
    if (unavailable(input.eligibilityByUser.get(input.fallbackUserId)) !== 'inactive') {
      trace.decidedBy = 'fallback';
      return decide(input.fallbackUserId);
    }
    trace.skipped.push({ userId: input.fallbackUserId, reason: 'inactive' });
  }
  return decide(null);
}
