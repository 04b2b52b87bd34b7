import type { TouchPoint } from './leads.tables.ts';

/** The part of a lead derived from its events; `recomputeLeadState` replays the log into it. */
export interface LeadState {
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  language: string | null;
  country: string | null;
  timezone: string | null;
  email: string | null;
  phone: string | null;
  whatsappId: string | null;
  companyName: string | null;
  companyDomain: string | null;
  companySize: string | null;
  companyIndustry: string | null;
  source: string | null;
  firstTouch: TouchPoint | null;
  lastTouch: TouchPoint | null;
  attributes: Record<string, unknown>;
  stage: string;
  ownerId: string | null;
}

export const EMPTY_LEAD_STATE: LeadState = {
  firstName: null,
  lastName: null,
  jobTitle: null,
  language: null,
  country: null,
  timezone: null,
  email: null,
  phone: null,
  whatsappId: null,
  companyName: null,
  companyDomain: null,
  companySize: null,
  companyIndustry: null,
  source: null,
  firstTouch: null,
  lastTouch: null,
  attributes: {},
  stage: 'lead',
  ownerId: null,
};

/** Field values a capture or an update carries, already normalised (what `lead_captured` stores). */
export type LeadFieldChanges = Partial<
  Omit<LeadState, 'firstTouch' | 'lastTouch' | 'stage' | 'attributes' | 'ownerId'>
> & {
  attributes?: Record<string, unknown>;
};

export interface StateEvent {
  type: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

const PERSON_FIELDS = [
  'firstName',
  'lastName',
  'jobTitle',
  'language',
  'country',
  'timezone',
  'companyName',
  'companyDomain',
  'companySize',
  'companyIndustry',
] as const;

function applyFieldChanges(state: LeadState, changes: LeadFieldChanges, fillOnly: boolean): LeadState {
  const next: LeadState = { ...state, attributes: { ...state.attributes } };
  for (const field of PERSON_FIELDS) {
    const value = changes[field];
    if (value === undefined || value === null || value === '') continue;
    if (fillOnly && next[field] !== null) continue;
    next[field] = value;
  }
  // The first email, phone and WhatsApp id stay primary; later ones are extra identities.
  for (const field of ['email', 'phone', 'whatsappId'] as const) {
    const value = changes[field];
    if (value && next[field] === null) next[field] = value;
  }
  if (changes.source && next.source === null) next.source = changes.source;
  for (const [key, value] of Object.entries(changes.attributes ?? {})) {
    if (fillOnly && key in next.attributes) continue;
    next.attributes[key] = value;
  }
  return next;
}

/** Pure reducer: the lead state after one event. Unknown event types leave the state unchanged. */
export function applyEventToLeadState(state: LeadState, event: StateEvent): LeadState {
  const properties = event.properties;
  switch (event.type) {
    case 'lead_captured':
    case 'lead_updated':
    case 'form_submitted': {
      const changes = (properties.fields ?? {}) as LeadFieldChanges;
      let next = applyFieldChanges(state, changes, false);
      const touch = properties.touch as TouchPoint | undefined;
      if (touch) {
        next = { ...next, lastTouch: touch, firstTouch: next.firstTouch ?? touch };
        if (next.source === null && touch.source) next.source = touch.source;
      }
      return next;
    }
    case 'lead_merged': {
      // The merged lead only fills what the survivor lacks; its own history stays on its record.
      const changes = (properties.fields ?? {}) as LeadFieldChanges;
      const next = applyFieldChanges(state, changes, true);
      const firstTouch = properties.firstTouch as TouchPoint | null | undefined;
      if (firstTouch && (!next.firstTouch || firstTouch.at < next.firstTouch.at))
        next.firstTouch = firstTouch;
      return next;
    }
    case 'owner_assigned': {
      const to = properties.to;
      return typeof to === 'string' || to === null ? { ...state, ownerId: to } : state;
    }
    case 'stage_changed': {
      const to = properties.to;
      return typeof to === 'string' ? { ...state, stage: to } : state;
    }
    default:
      return state;
  }
}

export function replayLeadState(events: StateEvent[]): LeadState {
  return events.reduce(applyEventToLeadState, EMPTY_LEAD_STATE);
}
