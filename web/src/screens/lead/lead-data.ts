// Shapes of the lead screen's API answers (see /docs); only what the sections read.

export interface TimelineEvent {
  id: string;
  leadId: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  source: string | null;
  properties: Record<string, unknown>;
  actor: string | null;
}
export interface TimelinePage {
  data: TimelineEvent[];
  nextBefore: string | null;
}

export interface Contribution {
  ruleId: string;
  ruleName: string;
  group: 'fit' | 'engagement';
  points: number;
  decayedPoints: number;
  occurredAt: string | null;
  eventId: string | null;
}
export interface LeadScore {
  leadId: string;
  fit: number;
  engagement: number;
  total: number;
  temperature: string;
  stage: string;
  asOf: string | null;
  gridVersion: number | null;
  contributions: Contribution[];
  history: {
    at: string;
    fit: number;
    engagement: number;
    total: number;
    previousTotal: number;
    cause: { kind: string; gridVersion: number };
  }[];
}

export interface Prediction {
  leadId: string;
  modelId: string;
  probability: number;
  factors: { feature: string; value: string | null; contribution: number }[];
  scoredAt: string;
}

export const BANT_FIELDS = ['budget', 'authority', 'need', 'timeline'] as const;
export type BantField = (typeof BANT_FIELDS)[number];
export interface BantEntry {
  id: string;
  field: BantField;
  value: unknown;
  confidence: number;
  source: string;
  sourceRef: string | null;
  actor: string | null;
  recordedAt: string;
}
export interface Bant {
  current: Record<BantField, BantEntry | null>;
  history: BantEntry[];
}

export interface Checklist {
  boxes: { key: string; isChecked: boolean; reason: string }[];
  count: number;
  verdict: 'sql' | 'nurture';
}

export interface RoutingTrace {
  decidedBy?: string;
  at?: string;
  rule?: { id: string; name: string; explanation: string };
  team?: { id: string; name: string };
  skipped?: { userId: string; reason: string; teamId?: string }[];
  evaluatedRules?: {
    id: string;
    name: string;
    matched: boolean;
    explanation: string;
    fellThrough?: string;
  }[];
  sticky?: { userId: string; applied: boolean };
}
export interface Assignment {
  id: string;
  ownerId: string | null;
  previousOwnerId: string | null;
  decidedBy: string;
  trace: RoutingTrace | null;
  at: string;
}

export interface Conversation {
  id: string;
  leadId: string;
  channel: string;
  contactAddress: string;
  status: 'open' | 'closed';
  mode: 'agent' | 'human';
  needsHuman: boolean;
  verdict: string | null;
  lastInboundAt: string | null;
  lastOutboundAt: string | null;
  updatedAt: string;
}
export interface Message {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound' | string;
  author: string;
  kind: string;
  body: string | null;
  status: string;
  createdAt: string;
}

export interface Booking {
  id: string;
  leadId: string;
  userId: string;
  meetingTypeId: string;
  meetingTypeName: string | null;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled' | 'held' | 'no_show' | string;
  source: string;
  createdAt: string;
}

export interface MergeProposal {
  id: string;
  leadId: string;
  otherLeadId: string;
  /** What made them look alike: the capture's source and the identities it brought. */
  reason: { source?: string; eventType?: string; identities?: { kind: string; value: string }[] } | null;
  status: 'open' | 'accepted' | 'rejected';
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface ConsentRow {
  id: string;
  purpose: string;
  channel: string;
  granted: boolean;
  recordedAt: string;
  method: string;
  formId: string | null;
  text: string | null;
  ip: string | null;
  userAgent: string | null;
  messageId: string | null;
  actor: string | null;
}

export interface TouchPoint {
  source?: string | null;
  utm?: Record<string, string | undefined>;
  referrer?: string | null;
  at?: string;
}

/** A touch point as stored on the lead, or null when it is missing or not the expected shape. */
export function asTouch(value: unknown): TouchPoint | null {
  return value && typeof value === 'object' ? (value as TouchPoint) : null;
}
