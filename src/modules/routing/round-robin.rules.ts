import { z } from 'zod';
import type { SkipReason } from './eligibility.rules.ts';
import { FAIRNESS_WINDOW, firstFairCandidate } from './fair-window.rules.ts';
import { MAX_WEIGHT, MIN_WEIGHT } from './routing-rule.schemas.ts';

export interface TeamMember {
  userId: string;
  /** Whole number 1–100; others are rounded into that range. */
  weight: number;
}

/**
 * A team's round-robin position, stored as JSON between assignments so every process continues the
 * same order. Replaying the same inputs from the same state gives the same choices.
 */
export interface RoundRobinState {
  version: 1;
  /** `[[userId, weight], …]` by userId: the members `credits` and `recent` were built for. */
  pool: string;
  /** Smooth weighted round-robin credit per member: the eligible member with the most goes next. */
  credits: Record<string, number>;
  /** Picks of the current stretch in which every member was eligible, oldest first (at most 99). */
  recent: string[];
}

export interface MemberEligibility {
  eligible: boolean;
  /** Why not; a member ineligible without a reason reads as inactive. */
  reason?: SkipReason;
}

export interface ChooseTeamMemberInput {
  members: readonly TeamMember[];
  state: RoundRobinState;
  /** Members missing from the map are eligible. */
  eligibility: ReadonlyMap<string, MemberEligibility>;
}

export interface TeamMemberChoice {
  /** Null when no member is eligible (the state is then unchanged but for member changes). */
  userId: string | null;
  state: RoundRobinState;
  skipped: { userId: string; reason: SkipReason }[];
}

export function emptyRoundRobinState(): RoundRobinState {
  return { version: 1, pool: '[]', credits: {}, recent: [] };
}

const ZRoundRobinState = z.object({
  version: z.literal(1),
  pool: z.string(),
  credits: z.record(z.string(), z.number().int().finite()),
  recent: z.array(z.string()).max(FAIRNESS_WINDOW - 1),
});

/** A stored state, or a fresh one when the JSON is empty (`{}`) or not a state. */
export function parseRoundRobinState(value: unknown): RoundRobinState {
  const parsed = ZRoundRobinState.safeParse(value);
  return parsed.success ? parsed.data : emptyRoundRobinState();
}

function weightOf(weight: number): number {
  if (!Number.isFinite(weight)) return MIN_WEIGHT;
  return Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, Math.round(weight)));
}

/** Members by userId (the order they are given in must not change the choice), each once. */
function normalizeMembers(members: readonly TeamMember[]): TeamMember[] {
  const byId = new Map<string, TeamMember>();
  for (const member of members) {
    if (!byId.has(member.userId))
      byId.set(member.userId, { userId: member.userId, weight: weightOf(member.weight) });
  }
  return [...byId.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/**
 * The state for these members: as stored when they are the same; after a change (member added,
 * removed, reweighted) the fairness stretch restarts and kept credits are clamped to ±Σweights.
 */
function stateFor(members: TeamMember[], state: RoundRobinState): RoundRobinState {
  const pool = JSON.stringify(members.map((member) => [member.userId, member.weight]));
  const samePool = state.pool === pool;
  const total = members.reduce((sum, member) => sum + member.weight, 0);
  const credits: Record<string, number> = {};
  for (const { userId } of members) {
    const stored = Object.hasOwn(state.credits, userId) ? state.credits[userId]! : 0;
    credits[userId] = samePool ? stored : Math.min(total, Math.max(-total, stored));
  }
  return { version: 1, pool, credits, recent: samePool ? [...state.recent] : [] };
}

const byCreditThenId = (credits: Record<string, number>) => (a: string, b: string) =>
  credits[b]! - credits[a]! || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Picks the member for the next lead by weighted round-robin.
 *
 * Smooth weighted round-robin orders the eligible members: each gains its weight in credit, the one
 * with the most credit is picked and gives back the eligible members' total weight. While every
 * member is eligible, the first member in that order whose pick keeps every window of 100 assignments
 * within ±1 of its weighted share is taken (see firstFairCandidate). A skipped member's credit is
 * frozen: it keeps its place in line and is first again once it was, but it gains nothing while away,
 * so it comes back with no backlog of leads to catch up on.
 */
export function chooseTeamMember(input: ChooseTeamMemberInput): TeamMemberChoice {
  const members = normalizeMembers(input.members);
  const state = stateFor(members, input.state);
  const skipped: TeamMemberChoice['skipped'] = [];
  const eligible: TeamMember[] = [];
  for (const member of members) {
    const verdict = input.eligibility.get(member.userId);
    if (!verdict || verdict.eligible) eligible.push(member);
    else skipped.push({ userId: member.userId, reason: verdict.reason ?? 'inactive' });
  }
  // Members are listed in the trace in the order the team gives them.
  const given = input.members.map((member) => member.userId);
  skipped.sort((a, b) => given.indexOf(a.userId) - given.indexOf(b.userId));
  if (eligible.length === 0) return { userId: null, state, skipped };

  const everyoneEligible = eligible.length === members.length;
  if (!everyoneEligible) state.recent = [];
  for (const member of eligible) state.credits[member.userId]! += member.weight;
  const order = eligible.map((member) => member.userId).sort(byCreditThenId(state.credits));
  const weights = new Map(members.map((member) => [member.userId, member.weight]));
  // The fallback to the credit order is for safety: no weights tried so far left the guard without a pick.
  const userId =
    (everyoneEligible ? firstFairCandidate(order, weights, state.recent) : undefined) ?? order[0]!;

  state.credits[userId]! -= eligible.reduce((sum, member) => sum + member.weight, 0);
  if (everyoneEligible) state.recent = [...state.recent, userId].slice(-(FAIRNESS_WINDOW - 1));
  return { userId, state, skipped };
}
