// The sequence editor works on a draft: the definition the server stores, with a stable key per step
// for React and the branch condition kept as text while it is being typed.

export const STEP_TYPES = ['send', 'wait', 'branch', 'update', 'notify', 'exit'] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const TRIGGERS = [
  'stage_entered',
  'temperature_changed',
  'event_received',
  'form_submitted',
  'manual',
  'api',
] as const;
export const SIMPLE_GOALS = ['reply', 'meeting_booked', 'opt_out', 'hard_bounce'] as const;
/** Lead fields an update step may set, as the server allows (or `attributes.<key>`). */
export const UPDATABLE_FIELDS = [
  'firstName',
  'lastName',
  'jobTitle',
  'language',
  'country',
  'timezone',
  'company.name',
  'company.domain',
  'company.size',
  'company.industry',
] as const;

/** `unit`: the unit a wait's duration is typed in, kept while the amount is edited (not sent). */
export type StepDraft = Record<string, unknown> & {
  key: string;
  type: StepType;
  conditionText?: string;
  unit?: DurationUnit;
};

export interface SendWindowDraft {
  days: string[];
  start: string;
  end: string;
}

export interface SequenceDraft {
  name: string;
  description: string;
  trigger: Record<string, unknown> | null;
  goals: Record<string, unknown>[];
  sendWindow: SendWindowDraft | null;
  dailyCap: number | null;
  steps: StepDraft[];
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `step-${counter}`;
}

export function toStepDraft(step: Record<string, unknown>): StepDraft {
  const draft = { ...step, key: newKey() } as StepDraft;
  if (draft.type === 'branch') draft.conditionText = JSON.stringify(step.if ?? {}, null, 2);
  return draft;
}

export function emptyStep(type: StepType): StepDraft {
  const base: Record<string, Partial<StepDraft>> = {
    send: { channel: 'email' },
    wait: { duration: 'P1D' },
    // biome-ignore lint/suspicious/noThenProperty: a branch step's target key in the contract, never awaited
    branch: { conditionText: '{ "temperature": "hot" }', then: 0, else: 0 },
    update: { tag: '' },
    notify: { owner: true, email: true },
    exit: {},
  };
  return { ...base[type], type, key: newKey() } as StepDraft;
}

export function toDraft(definition: Record<string, unknown> | null): SequenceDraft {
  const source = definition ?? {};
  const goals = Array.isArray(source.goals)
    ? source.goals.map((goal) =>
        typeof goal === 'string' ? { on: goal } : (goal as Record<string, unknown>),
      )
    : SIMPLE_GOALS.map((on) => ({ on }));
  const window = source.sendWindow as SendWindowDraft | null | undefined;
  return {
    name: String(source.name ?? ''),
    description: String(source.description ?? ''),
    trigger: (source.trigger as Record<string, unknown> | undefined) ?? null,
    goals,
    sendWindow:
      window === null
        ? null
        : {
            days: [...(window?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri'])],
            start: window?.start ?? '09:00',
            end: window?.end ?? '19:00',
          },
    dailyCap: typeof source.dailyCap === 'number' ? source.dailyCap : null,
    steps: Array.isArray(source.steps)
      ? source.steps.map((step) => toStepDraft(step as Record<string, unknown>))
      : [emptyStep('send')],
  };
}

/** Step paths whose condition text is not JSON, reported like the server's errors. */
export type LocalError = { path: string; message: string };

/** The definition to send: empty texts dropped, the condition parsed; `errors` when the text is not JSON. */
export function toDefinition(draft: SequenceDraft): {
  definition: Record<string, unknown>;
  errors: LocalError[];
} {
  const errors: LocalError[] = [];
  const steps = draft.steps.map((step, index) => {
    const { key: _key, conditionText, unit: _unit, ...rest } = step;
    const clean: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(rest)) {
      if (value === undefined || value === '') continue;
      clean[name] = value;
    }
    if (step.type === 'branch') {
      try {
        clean.if = JSON.parse(conditionText ?? '');
      } catch {
        errors.push({ path: `steps.${index}.if`, message: 'not valid JSON' });
      }
    }
    return clean;
  });
  const definition: Record<string, unknown> = {
    name: draft.name,
    goals: draft.goals,
    sendWindow: draft.sendWindow,
    steps,
  };
  if (draft.description.trim()) definition.description = draft.description;
  if (draft.trigger) definition.trigger = draft.trigger;
  if (draft.dailyCap !== null) definition.dailyCap = draft.dailyCap;
  return { definition, errors };
}

/** Moves a step and keeps branches that point at steps by number pointing at the same steps. */
export function moveStep(steps: readonly StepDraft[], from: number, to: number): StepDraft[] {
  if (to < 0 || to >= steps.length) return [...steps];
  const order = steps.map((_, index) => index);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved as number);
  const newIndexOf = new Map(order.map((oldIndex, newIndex) => [oldIndex, newIndex]));
  const remap = (target: unknown) =>
    typeof target === 'number' && newIndexOf.has(target) ? newIndexOf.get(target) : target;
  return order.map((oldIndex) => {
    const step = steps[oldIndex] as StepDraft;
    // biome-ignore lint/suspicious/noThenProperty: a branch step's target key in the contract, never awaited
    return step.type === 'branch' ? { ...step, then: remap(step.then), else: remap(step.else) } : step;
  });
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
export type DurationUnit = 'minutes' | 'hours' | 'days';

/** "P1DT2H" → 26 hours; the largest unit that says it exactly. */
export function splitDuration(iso: unknown): { amount: number; unit: DurationUnit } {
  const match = typeof iso === 'string' ? DURATION.exec(iso) : null;
  if (!match) return { amount: 1, unit: 'days' };
  const [, days = '0', hours = '0', minutes = '0'] = match;
  const total = Number(days) * 1440 + Number(hours) * 60 + Number(minutes);
  if (total > 0 && total % 1440 === 0) return { amount: total / 1440, unit: 'days' };
  if (total > 0 && total % 60 === 0) return { amount: total / 60, unit: 'hours' };
  return { amount: total, unit: 'minutes' };
}

export function joinDuration(amount: number, unit: DurationUnit): string {
  if (unit === 'days') return `P${amount}D`;
  return unit === 'hours' ? `PT${amount}H` : `PT${amount}M`;
}
