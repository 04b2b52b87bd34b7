import type { Config } from '../config/env.ts';
import type { Clock } from './clock.ts';
import type { Database, DatabaseHandle } from './db/database.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { Logger } from './logger.ts';
import type { Notifications } from './notifications.ts';
import type { Outbox } from './outbox/outbox.ts';

/** What services need from the platform, built once by a composition root in src/main. */
export interface AppContext {
  config: Config;
  handle: DatabaseHandle;
  db: Database;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  outbox: Outbox;
  /** LISTEN/NOTIFY fan-out for live views (the inbox stream). */
  notifications: Notifications;
  hooks: DomainHooks;
}

/**
 * Seams where later stages of a process plug in (scoring, routing, the agent), called inside the
 * transaction of the change so what they derive commits with it. The composition root fills them.
 */
export interface DomainHooks {
  /** `events`: the recorded events' lead and type, when the caller knows them (event batches). */
  afterEventsRecorded(
    tx: Database,
    workspaceId: string,
    leadIds: string[],
    events?: { leadId: string; type: string }[],
  ): Promise<void>;
  afterLeadCaptured(
    tx: Database,
    workspaceId: string,
    capture: {
      leadId: string;
      isCreated: boolean;
      source: string;
      eventType?: string;
      formId?: string | null;
      /** Answers of the submitted form by field name, for routing rules on `form.<field>`. */
      formAnswers?: Record<string, unknown>;
      /** A routing form or team page routes and greets the lead itself (after its endings): hooks leave it. */
      isRoutedByCaller?: boolean;
      /** The capture recorded BANT answers (a lead it created without them has no BANT value at all). */
      hasBantAnswers?: boolean;
    },
  ): Promise<void>;
  /** Temperatures and lifecycle stages that moved (sequence triggers and goals listen here). */
  afterQualificationChanged?(
    tx: Database,
    workspaceId: string,
    changes: { leadId: string; temperatureTo: string | null; stagesEntered: string[] }[],
  ): Promise<void>;
  /**
   * Many captures at once (CSV import batches): one call for hundreds of leads. When a composition
   * root leaves it out, `afterLeadCaptured` runs once per lead instead.
   */
  afterLeadsCaptured?(
    tx: Database,
    workspaceId: string,
    /** `isImport`: a file import, whose leads are not greeted one by one. */
    captures: {
      leadId: string;
      isCreated: boolean;
      source: string;
      isImport?: boolean;
      eventType?: string;
      formId?: string | null;
      /** As for `afterLeadCaptured`. */
      hasBantAnswers?: boolean;
    }[],
  ): Promise<void>;
}

export const noDomainHooks: DomainHooks = {
  afterEventsRecorded: async () => {},
  afterLeadCaptured: async () => {},
};

export type Role = 'admin' | 'marketer' | 'sales_rep';

/** Who is calling: every service read and write is scoped by `workspaceId`. */
export interface Actor {
  workspaceId: string;
  userId: string | null;
  role: Role;
  via: 'api_key' | 'session' | 'system';
}

export function systemActor(workspaceId: string): Actor {
  return { workspaceId, userId: null, role: 'admin', via: 'system' };
}
