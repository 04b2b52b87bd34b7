import type { Condition, SequenceDefinitionInput } from './sequence-definition.schemas.ts';

export interface DefaultSequence {
  /** Stable key of a shipped sequence, so it is created once per workspace. */
  key: 'agent_follow_up' | 'warm_nurture' | 'post_demo';
  definition: SequenceDefinitionInput;
}

type StepInput = SequenceDefinitionInput['steps'][number];

// The contract names branch targets `then` and `else`; a plain object with `then` upsets the linter.
function branch(condition: Condition, target: string | number, otherwise: string | number): StepInput {
  // biome-ignore lint/suspicious/noThenProperty: a branch step's target key, never awaited
  return { type: 'branch', if: condition, then: target, else: otherwise };
}

// Hot, or asked for a demo: the owner takes over from the nurture.
const READY_FOR_SALES: Condition = { any: [{ temperature: 'hot' }, { event: 'demo_requested' }] };

/** The sequences a new workspace starts with; they use only `DEFAULT_TEMPLATES`. */
export const DEFAULT_SEQUENCES: readonly DefaultSequence[] = [
  {
    key: 'agent_follow_up',
    definition: {
      name: 'Agent follow-up for silent conversations',
      description:
        'The lead stopped answering the qualification agent: a WhatsApp nudge after 2 hours, a WhatsApp template the next day, an e-mail 3 days later, then the lead is tagged silent and handed to nurture. Any reply ends it.',
      // The conversations agent enrols the lead when its conversation goes quiet.
      trigger: { on: 'api' },
      steps: [
        { type: 'wait', duration: 'PT2H' },
        { id: 'nudge', type: 'send', channel: 'whatsapp', template: 'whatsapp-silent-nudge' },
        { type: 'wait', duration: 'P1D' },
        { id: 'next-day', type: 'send', channel: 'whatsapp', template: 'whatsapp-follow-up' },
        { type: 'wait', duration: 'P3D' },
        { id: 'email', type: 'send', channel: 'email', template: 'silent-follow-up-email' },
        // Time to answer the e-mail before the lead is called silent.
        { type: 'wait', duration: 'P3D' },
        { type: 'update', tag: 'silent', field: { name: 'attributes.followUpStatus', value: 'silent' } },
        { type: 'exit', reason: 'moved_to_nurture' },
      ],
    },
  },
  {
    key: 'warm_nurture',
    definition: {
      name: 'Warm lead nurture',
      description:
        'Three weeks of content by funnel stage (TOFU, MOFU, BOFU e-mails a week apart). When the lead turns hot or asks for a demo, the owner is notified and the nurture stops.',
      trigger: { on: 'temperature_changed', to: 'warm' },
      goals: ['reply', 'meeting_booked', 'opt_out', 'hard_bounce', { on: 'stage_reached', stage: 'sql' }],
      steps: [
        { id: 'tofu', type: 'send', channel: 'email', template: 'tofu-content-follow-up' },
        { type: 'wait', duration: 'P7D' },
        branch(READY_FOR_SALES, 'hand-over', 'mofu'),
        { id: 'mofu', type: 'send', channel: 'email', template: 'mofu-practical-case' },
        { type: 'wait', duration: 'P7D' },
        branch(READY_FOR_SALES, 'hand-over', 'bofu'),
        { id: 'bofu', type: 'send', channel: 'email', template: 'bofu-meeting-offer' },
        { type: 'wait', duration: 'P7D' },
        branch(READY_FOR_SALES, 'hand-over', 'done'),
        { id: 'done', type: 'exit', reason: 'nurture_completed' },
        {
          id: 'hand-over',
          type: 'notify',
          owner: true,
          email: true,
          message: 'This lead turned hot during the warm nurture: contact them now.',
        },
        { type: 'exit', reason: 'hot_lead_handed_over' },
      ],
    },
  },
  {
    key: 'post_demo',
    definition: {
      name: 'Post-demo follow-up',
      description:
        'After a demo: the next-steps e-mail, a reminder 3 business days later, then the owner is told if the lead has still not answered.',
      // The owner enrols the lead once the demo is done.
      trigger: { on: 'manual' },
      goals: [
        'reply',
        'meeting_booked',
        'opt_out',
        'hard_bounce',
        { on: 'stage_reached', stage: 'opportunity' },
      ],
      steps: [
        { id: 'recap', type: 'send', channel: 'email', template: 'post-demo-next-steps' },
        { type: 'wait', businessDays: 3 },
        { id: 'reminder', type: 'send', channel: 'email', template: 'post-demo-reminder' },
        { type: 'wait', businessDays: 2 },
        {
          type: 'notify',
          owner: true,
          email: true,
          message: 'No answer after the demo recap and a reminder: follow up in person.',
        },
        { type: 'exit', reason: 'post_demo_no_reply' },
      ],
    },
  },
];
