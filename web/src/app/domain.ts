// Shapes the server answers (see /docs for the full API); only what the screens read.

export const STAGES = [
  'subscriber',
  'lead',
  'mql',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
  'recycled',
] as const;
export type Stage = (typeof STAGES)[number];
/** The funnel order, used by the pipeline board and the dashboard funnel. */
export const FUNNEL_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export const TEMPERATURES = ['cold', 'warm', 'hot'] as const;
export type Temperature = (typeof TEMPERATURES)[number];

export interface Lead {
  id: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  language: string | null;
  country: string | null;
  timezone: string | null;
  email: string | null;
  phone: string | null;
  whatsappId: string | null;
  company: {
    name: string | null;
    domain: string | null;
    size: string | null;
    industry: string | null;
  } | null;
  source: string | null;
  firstTouch: unknown;
  lastTouch: unknown;
  attributes: Record<string, unknown>;
  stage: Stage;
  temperature: Temperature;
  score: number;
  fitScore: number;
  engagementScore: number;
  ownerId: string | null;
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'marketer' | 'sales_rep';
  timezone: string;
  slug: string | null;
  isActive: boolean;
}

export function leadName(lead: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'phone' | 'id'>): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return name || lead.email || lead.phone || lead.id;
}

/** Demo data is marked on the lead so every screen can say so (see `chaud demo`). */
export function isDemo(lead: Pick<Lead, 'attributes'>): boolean {
  return lead.attributes?.demo === true;
}
