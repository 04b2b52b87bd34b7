import { describe, expect, it } from 'vitest';
import { parseRoutingRule, parseTeam, ZRoutingRuleInput, ZTeamInput } from './routing-rule.schemas.ts';

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'Large French accounts',
  priority: 10,
  conditions: {
    all: [
      { field: 'country', op: 'in', value: ['FR', 'BE'] },
      { field: 'company.size', op: 'gte', value: 200 },
    ],
  },
  target: { teamId: 'team_enterprise' },
  ...overrides,
});

const errorsOf = (input: unknown) => {
  const parsed = parseRoutingRule(input);
  return parsed.ok ? [] : parsed.errors;
};

describe('ZRoutingRuleInput', () => {
  it('accepts a rule with nested conditions and either target', () => {
    expect(parseRoutingRule(rule()).ok).toBe(true);
    expect(parseRoutingRule(rule({ target: { userId: 'usr_1' }, isActive: false })).ok).toBe(true);
    expect(parseRoutingRule(rule({ conditions: { always: true } })).ok).toBe(true);
    const nested = {
      any: [
        { not: { field: 'form.budget', op: 'exists' } },
        { field: 'attributes.plan', op: 'matches', value: '^(pro|business)$' },
        { field: 'temperature', op: 'eq', value: 'hot' },
      ],
    };
    expect(ZRoutingRuleInput.safeParse(rule({ conditions: nested })).success).toBe(true);
  });

  it('names each problem by its path', () => {
    const conditions = {
      all: [
        { field: 'company.sise', op: 'gte', value: 50 },
        { field: 'score', op: 'between', value: 50 },
        { field: 'score', op: 'gte', value: '50' },
        { any: [{ field: 'country', op: 'in', value: [] }] },
        { not: { field: 'email', op: 'matches', value: '(a+)+' } },
        { field: 'country', op: 'eq', value: 'FR', extra: 1 },
      ],
    };
    expect(errorsOf(rule({ conditions }))).toEqual([
      expect.objectContaining({
        path: 'conditions.all[0].field',
        message: expect.stringMatching(/^unknown field "company.sise"/),
      }),
      { path: 'conditions.all[1].op', message: expect.stringMatching(/^one of eq, neq, in/) },
      { path: 'conditions.all[2].value', message: 'a number (gte)' },
      { path: 'conditions.all[3].any[0].value', message: 'a list of 1 to 100 values (in)' },
      {
        path: 'conditions.all[4].not.value',
        message: expect.stringMatching(/^unusable pattern: a repeated group/),
      },
      { path: 'conditions.all[5].extra', message: 'unknown key' },
    ]);
  });

  it('says what a condition object lacks or mixes', () => {
    expect(errorsOf(rule({ conditions: { all: [{ op: 'eq', value: 1 }] } }))).toEqual([
      { path: 'conditions.all[0]', message: expect.stringMatching(/^a condition needs/) },
    ]);
    expect(errorsOf(rule({ conditions: { all: [], field: 'score' } }))).toEqual([
      { path: 'conditions', message: expect.stringMatching(/^one test per condition: "all" and "field"/) },
    ]);
    expect(errorsOf(rule({ conditions: { always: 'yes' } }))).toEqual([
      { path: 'conditions.always', message: 'must be true' },
    ]);
    expect(errorsOf(rule({ conditions: undefined }))).toEqual([{ path: 'conditions', message: 'required' }]);
  });

  it('refuses conditions nested too deep', () => {
    let conditions: unknown = { always: true };
    for (let level = 0; level < 12; level++) conditions = { not: conditions };
    expect(errorsOf(rule({ conditions }))).toEqual([
      { path: `conditions${'.not'.repeat(10)}`, message: 'nested too deep (at most 10 levels)' },
    ]);
  });

  it('checks the name, the priority and the target', () => {
    expect(errorsOf({ ...rule(), name: '  ', priority: 1.5, target: { teamId: 't', userId: 'u' } })).toEqual([
      { path: 'name', message: 'must not be empty' },
      { path: 'priority', message: 'a whole number, lower is tried first' },
      { path: 'target', message: 'either "teamId" or "userId", not both' },
    ]);
    expect(errorsOf({ ...rule(), target: { team: 't' }, color: 'red' })).toEqual([
      { path: 'target', message: 'needs "teamId" or "userId"' },
      { path: 'target.team', message: 'unknown key' },
      { path: 'color', message: 'unknown key' },
    ]);
    const { priority: _priority, ...withoutPriority } = rule();
    expect(errorsOf(withoutPriority)).toEqual([{ path: 'priority', message: 'required' }]);
  });
});

describe('ZTeamInput', () => {
  const team = {
    name: 'Sales France',
    slug: 'sales-france',
    members: [{ userId: 'usr_1' }, { userId: 'usr_2', weight: 3 }],
  };

  it('accepts a team and gives members weight 1 by default', () => {
    const parsed = ZTeamInput.parse({ ...team, workingHours: { timezone: 'Europe/Paris', respect: true } });
    expect(parsed.members).toEqual([
      { userId: 'usr_1', weight: 1 },
      { userId: 'usr_2', weight: 3 },
    ]);
  });

  it('names each problem by its path', () => {
    const parsed = parseTeam({
      name: 'Sales',
      slug: 'Sales France',
      members: [{ userId: 'usr_1', weight: 0 }, { userId: 'usr_2', weight: 101 }, { userId: 'usr_1' }],
      workingHours: { timezone: 'Mars/Olympus', respect: 'yes' },
    });
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      { path: 'slug', message: 'lower-case letters, digits and dashes, such as sales-france' },
      { path: 'members[0].weight', message: 'at least 1' },
      { path: 'members[1].weight', message: 'at most 100' },
      { path: 'members[2].userId', message: 'usr_1 is listed twice' },
      {
        path: 'workingHours.timezone',
        message: 'unknown time zone "Mars/Olympus": use an IANA name such as Europe/Paris',
      },
      { path: 'workingHours.respect', message: 'true or false' },
    ]);
  });

  it('refuses a member listed twice', () => {
    const parsed = parseTeam({ ...team, members: [{ userId: 'usr_1' }, { userId: 'usr_1', weight: 2 }] });
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      { path: 'members[1].userId', message: 'usr_1 is listed twice' },
    ]);
  });
});
