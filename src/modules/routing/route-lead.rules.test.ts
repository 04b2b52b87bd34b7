import { describe, expect, it } from 'vitest';
import type { MemberEligibility, RoundRobinState } from './round-robin.rules.ts';
import { decideRoute, type RouteInput, type RoutingTeam } from './route-lead.rules.ts';
import { type RoutableLead, routingFactsOf } from './routing-facts.rules.ts';
import type { RoutingRule } from './routing-rule.schemas.ts';

const lead: RoutableLead = {
  firstName: 'Léa',
  lastName: 'Roux',
  jobTitle: 'CEO',
  language: 'fr',
  country: 'FR',
  email: 'lea@acme.fr',
  company: { name: 'Acme', domain: 'acme.fr', size: '250', industry: 'Retail' },
  source: 'website',
  firstTouch: null,
  lastTouch: null,
  attributes: {},
  stage: 'lead',
  temperature: 'hot',
  score: 80,
  fitScore: 50,
  engagementScore: 30,
};

const teams: RoutingTeam[] = [
  {
    id: 'team_ent',
    name: 'Enterprise',
    members: [
      { userId: 'usr_ana', weight: 2 },
      { userId: 'usr_bob', weight: 1 },
    ],
  },
  { id: 'team_smb', name: 'SMB', members: [{ userId: 'usr_cyd', weight: 1 }] },
];

const rules: RoutingRule[] = [
  {
    id: 'r_catch',
    name: 'Everyone else',
    priority: 100,
    conditions: { always: true },
    target: { teamId: 'team_smb' },
  },
  {
    id: 'r_ent',
    name: 'Large accounts',
    priority: 10,
    conditions: { field: 'company.size', op: 'gte', value: 200 },
    target: { teamId: 'team_ent' },
  },
  {
    id: 'r_off',
    name: 'Disabled',
    priority: 1,
    conditions: { always: true },
    target: { userId: 'usr_dan' },
    isActive: false,
  },
];

const now = new Date('2025-03-03T10:00:00Z');
const input = (overrides: Partial<RouteInput> = {}): RouteInput => ({
  facts: routingFactsOf(lead),
  rules,
  teams,
  sticky: null,
  eligibilityByUser: new Map(),
  roundRobinStates: new Map(),
  fallbackUserId: 'usr_fallback',
  now,
  ...overrides,
});

const away = (...userIds: string[]) =>
  new Map<string, MemberEligibility>(
    userIds.map((userId) => [userId, { eligible: false, reason: 'out_of_office' }]),
  );

describe('decideRoute', () => {
  it('keeps a sticky owner first, even out of office, without touching the rules', () => {
    const decision = decideRoute(
      input({
        sticky: { userId: 'usr_bob', reason: 'company_owner', domain: 'acme.fr' },
        eligibilityByUser: away('usr_bob'),
      }),
    );
    expect(decision.ownerId).toBe('usr_bob');
    expect(decision.trace).toEqual({
      decidedBy: 'sticky',
      at: now.toISOString(),
      skipped: [],
      evaluatedRules: [],
      sticky: { userId: 'usr_bob', reason: 'company_owner', domain: 'acme.fr', applied: true },
    });
  });

  it('ignores a sticky owner who was deactivated', () => {
    const eligibilityByUser = new Map<string, MemberEligibility>([
      ['usr_bob', { eligible: false, reason: 'inactive' }],
    ]);
    const decision = decideRoute(
      input({ sticky: { userId: 'usr_bob', reason: 'lead_owner' }, eligibilityByUser }),
    );
    expect(decision.trace.decidedBy).toBe('rule');
    expect(decision.trace.sticky).toEqual({ userId: 'usr_bob', reason: 'lead_owner', applied: false });
    expect(decision.ownerId).toBe('usr_ana');
  });

  it('tries active rules by priority and assigns through the first matching team', () => {
    const decision = decideRoute(input());
    expect(decision.ownerId).toBe('usr_ana');
    expect(decision.trace).toMatchObject({
      decidedBy: 'rule',
      rule: { id: 'r_ent', name: 'Large accounts', explanation: 'company.size gte 200 (was 250)' },
      team: { id: 'team_ent', name: 'Enterprise' },
      evaluatedRules: [
        { id: 'r_ent', name: 'Large accounts', matched: true, explanation: 'company.size gte 200 (was 250)' },
      ],
    });
    // Only the team that assigned moved on.
    expect([...decision.roundRobinStates.keys()]).toEqual(['team_ent']);
    const next = decideRoute(input({ roundRobinStates: decision.roundRobinStates }));
    const third = decideRoute(input({ roundRobinStates: next.roundRobinStates }));
    expect([decision.ownerId, next.ownerId, third.ownerId].sort()).toEqual(['usr_ana', 'usr_ana', 'usr_bob']);
  });

  it('falls through a team with nobody eligible, and records who was skipped and why', () => {
    const states = new Map<string, RoundRobinState>();
    const decision = decideRoute(
      input({ eligibilityByUser: away('usr_ana', 'usr_bob'), roundRobinStates: states }),
    );
    expect(decision.ownerId).toBe('usr_cyd');
    expect(decision.trace).toMatchObject({
      decidedBy: 'rule',
      rule: { id: 'r_catch' },
      team: { id: 'team_smb' },
      skipped: [
        { userId: 'usr_ana', reason: 'out_of_office', teamId: 'team_ent' },
        { userId: 'usr_bob', reason: 'out_of_office', teamId: 'team_ent' },
      ],
      evaluatedRules: [
        { id: 'r_ent', matched: true, fellThrough: 'no_eligible_member' },
        { id: 'r_catch', matched: true, explanation: 'always' },
      ],
    });
    expect([...decision.roundRobinStates.keys()]).toEqual(['team_smb']);
  });

  it("falls through a rule whose rep is unavailable, or whose team doesn't exist", () => {
    const direct: RoutingRule[] = [
      {
        id: 'r_ceo',
        name: 'CEOs',
        priority: 1,
        conditions: { field: 'jobTitle', op: 'eq', value: 'ceo' },
        target: { userId: 'usr_eve' },
      },
      {
        id: 'r_gone',
        name: 'Gone',
        priority: 2,
        conditions: { always: true },
        target: { teamId: 'team_gone' },
      },
    ];
    const decision = decideRoute(input({ rules: direct, eligibilityByUser: away('usr_eve') }));
    expect(decision.ownerId).toBe('usr_fallback');
    expect(decision.trace).toMatchObject({
      decidedBy: 'fallback',
      skipped: [{ userId: 'usr_eve', reason: 'out_of_office' }],
      evaluatedRules: [
        { id: 'r_ceo', matched: true, fellThrough: 'user_unavailable' },
        { id: 'r_gone', matched: true, fellThrough: 'unknown_team' },
      ],
    });
    expect(decideRoute(input({ rules: direct })).ownerId).toBe('usr_eve');
  });

  it('gives the lead to the fallback owner when no rule matches, busy or not', () => {
    const none: RoutingRule[] = [
      {
        id: 'r_en',
        name: 'English',
        priority: 1,
        conditions: { field: 'language', op: 'eq', value: 'en' },
        target: { teamId: 'team_smb' },
      },
    ];
    const decision = decideRoute(input({ rules: none, eligibilityByUser: away('usr_fallback') }));
    expect(decision.ownerId).toBe('usr_fallback');
    expect(decision.trace.evaluatedRules).toEqual([
      { id: 'r_en', name: 'English', matched: false, explanation: 'language eq "en" (was "fr")' },
    ]);
  });

  it('leaves the lead unowned without a usable fallback', () => {
    const inactive = new Map<string, MemberEligibility>([
      ['usr_fallback', { eligible: false, reason: 'inactive' }],
    ]);
    const decision = decideRoute(input({ rules: [], eligibilityByUser: inactive }));
    expect(decision.ownerId).toBeNull();
    expect(decision.trace).toMatchObject({
      decidedBy: 'none',
      skipped: [{ userId: 'usr_fallback', reason: 'inactive' }],
    });
    expect(decideRoute(input({ rules: [], fallbackUserId: null })).trace.decidedBy).toBe('none');
  });

  it('produces a trace that survives JSON', () => {
    const { trace } = decideRoute(input({ eligibilityByUser: away('usr_ana') }));
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });
});
