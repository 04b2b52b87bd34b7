import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SkipReason } from './eligibility.rules.ts';
import { FAIRNESS_WINDOW } from './fair-window.rules.ts';
import {
  chooseTeamMember,
  emptyRoundRobinState,
  type MemberEligibility,
  parseRoundRobinState,
  type RoundRobinState,
  type TeamMember,
} from './round-robin.rules.ts';

const teamOf = (weights: readonly number[]): TeamMember[] =>
  weights.map((weight, index) => ({ userId: `rep-${index}`, weight }));

const totalOf = (members: readonly TeamMember[]) => members.reduce((sum, member) => sum + member.weight, 0);

/** Assigns one lead per step; `outAt(step)` lists who is unavailable then. Persists the state as JSON. */
function run(
  members: TeamMember[],
  steps: number,
  outAt: (step: number) => ReadonlySet<string> = () => new Set(),
) {
  let stored = JSON.stringify(emptyRoundRobinState());
  const picks: { userId: string; everyoneEligible: boolean; out: ReadonlySet<string> }[] = [];
  for (let step = 0; step < steps; step++) {
    const out = outAt(step);
    const eligibility = new Map<string, MemberEligibility>(
      [...out].map((userId) => [userId, { eligible: false, reason: 'out_of_office' }]),
    );
    const choice = chooseTeamMember({
      members,
      state: parseRoundRobinState(JSON.parse(stored)),
      eligibility,
    });
    stored = JSON.stringify(choice.state);
    if (choice.userId) picks.push({ userId: choice.userId, everyoneEligible: out.size === 0, out });
  }
  return { picks, state: JSON.parse(stored) as RoundRobinState };
}

/** The largest |count − weight/Σweights × 100| over every window of 100 picks made with everyone eligible. */
function worstWindowDeviation(members: TeamMember[], picks: ReturnType<typeof run>['picks']): number {
  const total = totalOf(members);
  let worst = 0;
  for (let start = 0; start + FAIRNESS_WINDOW <= picks.length; start++) {
    const window = picks.slice(start, start + FAIRNESS_WINDOW);
    if (window.some((pick) => !pick.everyoneEligible)) continue;
    for (const member of members) {
      const count = window.filter((pick) => pick.userId === member.userId).length;
      // Scaled by Σweights first so that exactly ±1 is not read as 1.000000000000007.
      worst = Math.max(worst, Math.abs(count * total - member.weight * FAIRNESS_WINDOW) / total);
    }
  }
  return worst;
}

const weightsArb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 6 });

describe('chooseTeamMember: fairness', () => {
  it('keeps every sliding window of 100 within ±1 of each weighted share (weights 1–5, 2–6 reps)', () => {
    fc.assert(
      fc.property(weightsArb, fc.integer({ min: 100, max: 500 }), (weights, steps) => {
        const members = teamOf(weights);
        expect(worstWindowDeviation(members, run(members, steps).picks)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps it with weights up to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 8 }), (weights) => {
        const members = teamOf(weights);
        expect(worstWindowDeviation(members, run(members, 300).picks)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps it in every all-eligible stretch that follows absences', () => {
    fc.assert(
      fc.property(
        weightsArb,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
        (weights, absences) => {
          const members = teamOf(weights);
          // Absences (rep, step) in the first 150 steps, then 250 steps with everyone in.
          const outAt = (step: number) =>
            new Set(
              absences
                .filter(([, at]) => step < 150 && Math.abs(step - (at % 150)) < 20)
                .map(([rep]) => `rep-${rep % weights.length}`),
            );
          expect(worstWindowDeviation(members, run(members, 400, outAt).picks)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives the exact weighted split over the first Σweights picks of a simple team', () => {
    const members = teamOf([2, 1]);
    const picks = run(members, 3).picks.map((pick) => pick.userId);
    expect(picks.filter((userId) => userId === 'rep-0')).toHaveLength(2);
    expect(picks.filter((userId) => userId === 'rep-1')).toHaveLength(1);
    expect(run(teamOf([1, 1, 1]), 3).picks.map((pick) => pick.userId)).toEqual(['rep-0', 'rep-1', 'rep-2']);
  });
});

describe('chooseTeamMember: skipping', () => {
  it('never picks an ineligible rep and lists who was skipped and why', () => {
    const members = teamOf([1, 1, 1]);
    const eligibility = new Map<string, MemberEligibility>([
      ['rep-0', { eligible: false, reason: 'at_capacity' }],
      ['rep-2', { eligible: false }],
    ]);
    const choice = chooseTeamMember({ members, state: emptyRoundRobinState(), eligibility });
    expect(choice.userId).toBe('rep-1');
    expect(choice.skipped).toEqual([
      { userId: 'rep-0', reason: 'at_capacity' },
      { userId: 'rep-2', reason: 'inactive' },
    ]);
  });

  it('returns nobody, and an unchanged position, when no rep is eligible', () => {
    const members = teamOf([1, 2]);
    const before = chooseTeamMember({ members, state: emptyRoundRobinState(), eligibility: new Map() }).state;
    const reasons: SkipReason[] = ['out_of_office', 'outside_hours'];
    const eligibility = new Map(
      members.map((member, index) => [member.userId, { eligible: false, reason: reasons[index] }]),
    );
    const choice = chooseTeamMember({ members, state: before, eligibility });
    expect(choice.userId).toBeNull();
    expect(choice.state).toEqual(before);
    expect(choice.skipped.map((skip) => skip.reason)).toEqual(['out_of_office', 'outside_hours']);
  });

  it("freezes a skipped rep's credit: it keeps its place in line and comes back without a backlog", () => {
    const members = teamOf([1, 1, 1]);
    const pick = (state: RoundRobinState, eligibility: Map<string, MemberEligibility>) =>
      chooseTeamMember({ members, state, eligibility });
    // rep-0 then rep-1 have had a lead: rep-2 is next in line when it leaves.
    let state = run(members, 2).state;
    expect(run(members, 2).picks.map((entry) => entry.userId)).toEqual(['rep-0', 'rep-1']);
    const away = new Map<string, MemberEligibility>([
      ['rep-2', { eligible: false, reason: 'out_of_office' }],
    ]);
    const frozen = state.credits['rep-2'];
    for (let step = 0; step < 30; step++) {
      const choice = pick(state, away);
      expect(choice.userId).not.toBe('rep-2');
      state = choice.state;
      expect(state.credits['rep-2']).toBe(frozen);
    }
    const picks: string[] = [];
    for (let step = 0; step < 6; step++) {
      const choice = pick(state, new Map());
      state = choice.state;
      picks.push(choice.userId!);
    }
    expect(picks[0]).toBe('rep-2');
    for (const member of members) expect(picks.filter((userId) => userId === member.userId)).toHaveLength(2);
  });

  it('does not starve anyone: a rep eligible throughout waits at most 2·Σweights/weight picks', () => {
    fc.assert(
      fc.property(weightsArb, fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), (weights, pattern) => {
        const members = teamOf(weights);
        const total = totalOf(members);
        // Each block of 10 steps, a random subset of reps (never all) is away.
        const outAt = (step: number) => {
          const mask = pattern[Math.floor(step / 10)]! % 2 ** weights.length;
          const out = new Set(
            members.filter((_, index) => mask & (1 << index)).map((member) => member.userId),
          );
          return out.size === members.length ? new Set<string>() : out;
        };
        const { picks } = run(members, 600, outAt);
        for (const member of members) {
          let waited = 0;
          for (const pick of picks) {
            if (pick.userId === member.userId || pick.out.has(member.userId)) waited = 0;
            else waited++;
            expect(waited).toBeLessThanOrEqual((2 * total) / member.weight);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps credits bounded by twice the total weight, whatever the absences', () => {
    fc.assert(
      fc.property(weightsArb, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (weights, pattern) => {
        const members = teamOf(weights);
        const outAt = (step: number) =>
          new Set(members.filter((_, index) => (pattern[step % 40]! >> index) & 1).map((m) => m.userId));
        const { state } = run(members, 400, outAt);
        for (const credit of Object.values(state.credits)) {
          expect(Math.abs(credit)).toBeLessThanOrEqual(2 * totalOf(members));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('chooseTeamMember: persisted state', () => {
  it('replays the same choices from a persisted state, whatever the order members are listed in', () => {
    fc.assert(
      fc.property(weightsArb, fc.integer({ min: 1, max: 200 }), (weights, cut) => {
        const members = teamOf(weights);
        const all = run(members, 250).picks.map((pick) => pick.userId);
        const head = run(members, cut);
        let state = parseRoundRobinState(JSON.parse(JSON.stringify(head.state)));
        const tail: string[] = [];
        for (let step = cut; step < 250; step++) {
          const choice = chooseTeamMember({ members: [...members].reverse(), state, eligibility: new Map() });
          state = choice.state;
          tail.push(choice.userId!);
        }
        expect([...head.picks.map((pick) => pick.userId), ...tail]).toEqual(all);
      }),
      { numRuns: 40 },
    );
  });

  it('reads an empty or damaged stored state as a fresh one', () => {
    expect(parseRoundRobinState({})).toEqual(emptyRoundRobinState());
    expect(parseRoundRobinState({ version: 2, pool: '[]', credits: {}, recent: [] })).toEqual(
      emptyRoundRobinState(),
    );
    expect(parseRoundRobinState(null)).toEqual(emptyRoundRobinState());
  });

  it('restarts the fairness stretch but keeps places when the team changes', () => {
    const { state } = run(teamOf([1, 1]), 5);
    expect(state.recent).toHaveLength(5);
    const grown = [...teamOf([1, 1]), { userId: 'rep-9', weight: 1 }];
    const choice = chooseTeamMember({ members: grown, state, eligibility: new Map() });
    expect(choice.state.recent).toHaveLength(1);
    expect(Object.keys(choice.state.credits).sort()).toEqual(['rep-0', 'rep-1', 'rep-9']);
  });

  it('reads out-of-range weights as the nearest whole weight from 1 to 100', () => {
    const choice = chooseTeamMember({
      members: [
        { userId: 'a', weight: 0 },
        { userId: 'b', weight: 250 },
      ],
      state: emptyRoundRobinState(),
      eligibility: new Map(),
    });
    expect(choice.state.pool).toBe(
      JSON.stringify([
        ['a', 1],
        ['b', 100],
      ]),
    );
  });
});
