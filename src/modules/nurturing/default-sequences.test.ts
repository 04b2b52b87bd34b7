import { describe, expect, it } from 'vitest';
import { type ConditionFacts, evaluateCondition, nextStepIndex } from './branch-condition.rules.ts';
import { DEFAULT_SEQUENCES } from './default-sequences.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { durationMs } from './iso-duration.rules.ts';
import { parseSequenceDefinition, type SequenceDefinition } from './sequence-definition.schemas.ts';

const templateNames = new Set(DEFAULT_TEMPLATES.map((template) => template.name));

function definitionOf(key: string): SequenceDefinition {
  const item = DEFAULT_SEQUENCES.find((sequence) => sequence.key === key);
  const parsed = parseSequenceDefinition(item?.definition, { templateNames });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

// Runs a definition without time: waits pass, branches read `facts`; returns the step types met.
function walk(definition: SequenceDefinition, facts: ConditionFacts): string[] {
  const trail: string[] = [];
  for (let index: number | null = 0; index !== null && index < definition.steps.length; ) {
    const step = definition.steps[index]!;
    trail.push(
      step.type === 'send'
        ? `send:${step.template}`
        : step.type === 'exit'
          ? `exit:${step.reason}`
          : step.type,
    );
    index = nextStepIndex(
      definition,
      index,
      step.type === 'branch' ? evaluateCondition(step.if, facts) : undefined,
    );
  }
  return trail;
}

const warmFacts: ConditionFacts = {
  score: 40,
  temperature: 'warm',
  stage: 'mql',
  bant: {},
  lead: {},
  eventsSinceEnrolment: [],
};

describe('DEFAULT_SEQUENCES', () => {
  it('all pass parseSequenceDefinition against the default templates, with unique keys', () => {
    for (const item of DEFAULT_SEQUENCES) {
      expect(parseSequenceDefinition(item.definition, { templateNames }).ok, item.key).toBe(true);
    }
    expect(DEFAULT_SEQUENCES.map((item) => item.key)).toEqual([
      'agent_follow_up',
      'warm_nurture',
      'post_demo',
    ]);
  });

  it('send each template on its own channel', () => {
    for (const item of DEFAULT_SEQUENCES) {
      for (const step of definitionOf(item.key).steps) {
        if (step.type !== 'send') continue;
        const template = DEFAULT_TEMPLATES.find((candidate) => candidate.name === step.template);
        expect(template?.channel, `${item.key} ${step.template}`).toBe(step.channel);
      }
    }
  });

  it('agent follow-up: +2 h WhatsApp, next day WhatsApp template, +3 days e-mail, then tagged and moved to nurture', () => {
    const definition = definitionOf('agent_follow_up');
    expect(
      definition.steps.slice(0, 6).map((step) => (step.type === 'wait' ? step.duration : step.type)),
    ).toEqual(['PT2H', 'send', 'P1D', 'send', 'P3D', 'send']);
    expect(walk(definition, warmFacts)).toEqual([
      'wait',
      'send:whatsapp-silent-nudge',
      'wait',
      'send:whatsapp-follow-up',
      'wait',
      'send:silent-follow-up-email',
      'wait',
      'update',
      'exit:moved_to_nurture',
    ]);
    expect(definition.steps).toContainEqual({
      type: 'update',
      tag: 'silent',
      field: { name: 'attributes.followUpStatus', value: 'silent' },
    });
    expect(definition.goals).toContainEqual({ on: 'reply' });
  });

  it('warm nurture: TOFU, MOFU, BOFU over three weeks, or the owner as soon as the lead is hot', () => {
    const definition = definitionOf('warm_nurture');
    const waited = definition.steps.reduce(
      (sum, step) => sum + (step.type === 'wait' && step.duration ? durationMs(step.duration) : 0),
      0,
    );
    expect(waited).toBe(21 * 86_400_000);
    expect(walk(definition, warmFacts)).toEqual([
      'send:tofu-content-follow-up',
      'wait',
      'branch',
      'send:mofu-practical-case',
      'wait',
      'branch',
      'send:bofu-meeting-offer',
      'wait',
      'branch',
      'exit:nurture_completed',
    ]);
    expect(walk(definition, { ...warmFacts, temperature: 'hot' })).toEqual([
      'send:tofu-content-follow-up',
      'wait',
      'branch',
      'notify',
      'exit:hot_lead_handed_over',
    ]);
    expect(definition.trigger).toEqual({ on: 'temperature_changed', to: 'warm' });
  });

  it('post-demo: the seed e-mail, 3 business days, a reminder, then the owner', () => {
    const definition = definitionOf('post_demo');
    expect(definition.steps[1]).toEqual({ type: 'wait', businessDays: 3 });
    expect(walk(definition, warmFacts)).toEqual([
      'send:post-demo-next-steps',
      'wait',
      'send:post-demo-reminder',
      'wait',
      'notify',
      'exit:post_demo_no_reply',
    ]);
  });
});
