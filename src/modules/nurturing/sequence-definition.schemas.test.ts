import { describe, expect, it } from 'vitest';
import { formatDefinitionErrors } from './definition-errors.rules.ts';
import { parseSequenceDefinition } from './sequence-definition.schemas.ts';

const TEMPLATES = new Set(['welcome', 'reminder']);
const exit = { type: 'exit' };

// The contract names branch targets `then` and `else`; a plain object with `then` upsets the linter.
function branch(
  condition: unknown,
  target: unknown,
  otherwise: unknown,
  extra: Record<string, unknown> = {},
) {
  // biome-ignore lint/suspicious/noThenProperty: a branch step's target key, never awaited
  return { ...extra, type: 'branch', if: condition, then: target, else: otherwise };
}

function errorsOf(input: unknown, templateNames: ReadonlySet<string> | undefined = TEMPLATES): string[] {
  const parsed = parseSequenceDefinition(input, templateNames ? { templateNames } : {});
  if (parsed.ok) throw new Error('expected the definition to be refused');
  return formatDefinitionErrors(parsed.errors);
}

describe('parseSequenceDefinition accepts the contract', () => {
  it('reads every step kind and fills the default goals and window', () => {
    const parsed = parseSequenceDefinition(
      {
        name: 'Demo',
        trigger: { on: 'stage_entered', stage: 'mql' },
        dailyCap: 2,
        steps: [
          { type: 'send', channel: 'whatsapp', text: 'Bonjour {{lead.firstName | "à vous"}}' },
          { type: 'wait', duration: 'PT2H' },
          { type: 'send', channel: 'whatsapp', template: 'welcome' },
          { type: 'wait', businessDays: 2 },
          { type: 'send', channel: 'email', template: 'reminder' },
          { type: 'wait', until: '09:30' },
          branch({ all: [{ score: { gte: 60 } }, { not: { event: 'email_opened' } }] }, 'hot', 8, {
            id: 'check',
          }),
          { id: 'hot', type: 'notify', owner: true, email: true, webhook: 'https://hooks.example.com/x' },
          { type: 'update', stage: { to: 'recycled', reason: 'no answer' }, tag: 'silent' },
          { type: 'exit', reason: 'done' },
        ],
      },
      { templateNames: TEMPLATES },
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.definition.goals).toEqual([
      { on: 'reply' },
      { on: 'meeting_booked' },
      { on: 'opt_out' },
      { on: 'hard_bounce' },
    ]);
    expect(parsed.definition.sendWindow).toEqual({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '19:00',
    });
  });

  it('keeps a null window (any hour) and turns goal shorthands into objects', () => {
    const parsed = parseSequenceDefinition({
      name: 'Any hour',
      sendWindow: null,
      goals: ['reply', { on: 'stage_reached', stage: 'sql' }],
      steps: [{ type: 'wait', duration: 'PT5S' }, exit],
    });
    expect(parsed.ok && parsed.definition.sendWindow).toBeNull();
    expect(parsed.ok && parsed.definition.goals).toEqual([
      { on: 'reply' },
      { on: 'stage_reached', stage: 'sql' },
    ]);
  });

  it('allows a loop that waits, and a template name not checked without a catalogue', () => {
    const parsed = parseSequenceDefinition({
      name: 'Loop',
      steps: [
        { id: 'again', type: 'send', channel: 'email', template: 'anything' },
        { type: 'wait', duration: 'P7D' },
        branch({ event: 'email_opened' }, 3, 'again'),
        { type: 'notify', owner: true },
        exit,
      ],
    });
    expect(parsed.ok).toBe(true);
  });
});

describe('parseSequenceDefinition names the path of each error', () => {
  it.each<[string, unknown, string[]]>([
    ['a sequence with no step', { name: 'x', steps: [] }, ['steps: a sequence needs at least one step']],
    ['no name, not an object', { steps: [exit] }, ['name: required']],
    ['not an object at all', 'steps', ['expected an object, got string']],
    [
      'durations in words and too long',
      { name: 'x', steps: [{ type: 'wait', duration: '3 jours' }, { type: 'wait', duration: 'P2Y' }, exit] },
      [
        'steps[0].duration: invalid duration "3 jours"',
        'steps[1].duration: invalid duration "P2Y": longer than one year',
      ],
    ],
    [
      'unknown and missing step types',
      { name: 'x', steps: [{ type: 'sleep' }, {}] },
      [
        'steps[0].type: unknown step type "sleep" (one of send, wait, branch, update, notify, exit)',
        'steps[1].type: required (one of send, wait, branch, update, notify, exit)',
      ],
    ],
    [
      'send steps: channel, free text by e-mail, nothing to send',
      {
        name: 'x',
        steps: [
          { type: 'send', channel: 'sms', template: 'welcome' },
          { type: 'send', channel: 'email', text: 'Bonjour' },
          { type: 'send', channel: 'whatsapp' },
        ],
      },
      [
        'steps[0].channel: expected one of "whatsapp", "email", got "sms"',
        'steps[1].text: free text is for WhatsApp; an email sends a template',
        'steps[2]: a WhatsApp step needs "template" or "text"',
      ],
    ],
    [
      'wait steps: two kinds, bad time, business days out of range, typo',
      {
        name: 'x',
        steps: [
          { type: 'wait', duration: 'PT1H', businessDays: 2 },
          { type: 'wait', until: '25:00' },
          { type: 'wait', businessDays: 0 },
          { type: 'wait', duraton: 'PT1H' },
        ],
      },
      [
        'steps[0]: a wait needs exactly one of "duration", "businessDays", "until"',
        'steps[1].until: invalid time "25:00" (HH:MM)',
        'steps[2].businessDays: expected an integer from 1 to 60',
        'steps[3].duraton: unknown key',
        'steps[3]: a wait needs exactly one of "duration", "businessDays", "until"',
      ],
    ],
    [
      'conditions: wrong kinds deep inside all/not',
      {
        name: 'x',
        steps: [
          branch(
            {
              all: [
                { temperature: 'tepid' },
                { scor: { gte: 1 } },
                { score: { gte: 1 }, stage: 'mql' },
                { not: { event: 'email_open' } },
                { score: {} },
              ],
            },
            0,
            1,
          ),
        ],
      },
      [
        'steps[0].if.all[0].temperature: expected one of "cold", "warm", "hot", got "tepid"',
        'steps[0].if.all[1]: a condition needs one of score, temperature, stage, bant, field, event, all, any, not',
        'steps[0].if.all[2]: one test per condition: "score" and "stage" found (combine them with all or any)',
        'steps[0].if.all[3].not.event: unknown event type "email_open" (an event type such as email_opened, or x-<name> for your own)',
        'steps[0].if.all[4].score: needs a comparison: gt, gte, lt, lte or equals',
      ],
    ],
    [
      'BANT and lead field conditions',
      {
        name: 'x',
        steps: [
          branch({ bant: 'authority', gte: 3 }, 1, 1),
          branch({ bant: 'timeline', equals: 'soon' }, 2, 2),
          branch({ field: 'shoeSize', known: true }, 3, 3),
          exit,
        ],
      },
      [
        'steps[0].if.gte: does not apply to authority (use known, equals, in)',
        'steps[1].if.equals: unknown timeline "soon" (one of lt_1m, 1_3m, 3_6m, gt_6m, unknown)',
        'steps[2].if.field: unknown lead field "shoeSize" (firstName, lastName, jobTitle, language, country, timezone, email, phone, whatsappId, source, ownerId, company.name, company.domain, company.size, company.industry or attributes.<key>)',
      ],
    ],
    [
      'update and notify steps',
      {
        name: 'x',
        steps: [
          { type: 'update' },
          { type: 'update', stage: { to: 'sql' }, field: { name: 'email', value: 'a@b.fr' } },
          { type: 'notify', owner: false, webhook: 'ftp://example.com' },
        ],
      },
      [
        'steps[0]: an update needs "stage", "field" or "tag"',
        'steps[1].stage.reason: required',
        'steps[1].field.name: cannot update "email" (firstName, lastName, jobTitle, language, country, timezone, company.name, company.domain, company.size, company.industry or attributes.<key>)',
        'steps[2].owner: expected true, got false',
        'steps[2].webhook: expected an http(s) URL',
      ],
    ],
    [
      'trigger, goals, window and cap',
      {
        name: 'x',
        trigger: { on: 'later' },
        goals: ['replied', { on: 'stage_reached' }],
        sendWindow: { days: ['mon', 'mon'], start: '19:00', end: '09:00' },
        dailyCap: 0,
        steps: [exit],
      },
      [
        'trigger.on: unknown trigger "later" (one of stage_entered, temperature_changed, event_received, form_submitted, manual, api)',
        'goals[0]: expected one of "reply", "meeting_booked", "opt_out", "hard_bounce", got "replied"',
        'goals[1].stage: required (one of "subscriber", "lead", "mql", "sql", "opportunity", "customer", "disqualified", "recycled")',
        'sendWindow.days: "mon" is listed twice',
        'sendWindow.end: must be after start (19:00)',
        'dailyCap: expected an integer from 1 to 100',
      ],
    ],
    [
      'branch targets of the wrong type',
      { name: 'x', steps: [branch({ stage: 'mql' }, true, 1.5), exit] },
      [
        'steps[0].then: expected a number or a string, got boolean',
        'steps[0].else: expected an integer or a string, got 1.5',
      ],
    ],
    [
      'branch targets that do not exist, duplicate labels',
      {
        name: 'x',
        steps: [branch({ temperature: 'hot' }, 7, 'nowhere', { id: 'start' }), { id: 'start', type: 'exit' }],
      },
      [
        'steps[0].then: no step 7 (steps go from 0 to 1)',
        'steps[0].else: no step labelled "nowhere"',
        'steps[1].id: label "start" is already used by steps[0]',
      ],
    ],
    [
      'unknown templates, tokens and malformed tokens',
      {
        name: 'x',
        steps: [
          { type: 'send', channel: 'email', template: 'welcom' },
          { type: 'send', channel: 'whatsapp', text: 'Bonjour {{lead.prenom}}, {{owner.name' },
        ],
      },
      [
        'steps[0].template: unknown template "welcom"',
        'steps[1].text: unknown token {{lead.prenom}}',
        'steps[1].text: malformed token "{{owner.name"',
      ],
    ],
    [
      'steps nothing leads to, loops without a wait',
      {
        name: 'x',
        steps: [
          { type: 'send', channel: 'email', template: 'welcome' },
          branch({ event: 'email_opened' }, 3, 0),
          exit,
          branch({ score: { lt: 10 } }, 3, 2),
        ],
      },
      [
        'steps[1].else: loops back to steps[0] without a wait step',
        'steps[3].then: loops back to steps[3] without a wait step',
      ],
    ],
    [
      'a step after an exit that no branch reaches',
      { name: 'x', steps: [exit, { type: 'notify', owner: true }] },
      ['steps[1]: never reached (no step leads here)'],
    ],
  ])('%s', (_, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  it('returns paths and messages apart', () => {
    const parsed = parseSequenceDefinition({ name: 'x', steps: [{ type: 'wait', duration: '3 jours' }] });
    expect(parsed).toEqual({
      ok: false,
      errors: [{ path: 'steps[0].duration', message: 'invalid duration "3 jours"' }],
    });
  });
});
