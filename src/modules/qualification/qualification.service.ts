import { and, eq, inArray } from 'drizzle-orm';
import { type Actor, systemActor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import {
  appendEvents,
  applyLeadTemperatures,
  changeLeadStage,
  findVisibleLead,
  leads,
} from '../leads/index.ts';
import {
  decideTemperature,
  type EventFact,
  type GridDocument,
  type LeadScoreOutcome,
  loadEventFacts,
  loadGrid,
  loadGridCached,
  type Temperature,
} from '../scoring/index.ts';
import { bantSignals } from './bant.rules.ts';
import type { CurrentBant } from './bant.schemas.ts';
import { loadCurrentBant } from './bant.service.ts';
import { type Checklist, evaluateChecklist, INTENT_EVENT_TYPES } from './checklist.rules.ts';
import { decideAutomaticSteps, isBackwardMove, type StageStep } from './lifecycle.rules.ts';
import {
  loadQualificationSettings,
  loadQualificationSettingsCached,
  type QualificationSettings,
} from './qualification-settings.service.ts';

export interface QualificationChange {
  leadId: string;
  temperature: { from: string; to: Temperature; reason: string } | null;
  stages: StageStep[];
}

/** What the caller has read already in this transaction: each is read here when left out. */
export interface KnownForReassessment {
  /** The workspace's grid (the one the outcomes were scored with). */
  grid?: GridDocument;
  settings?: QualificationSettings;
  /** The leads' current BANT values, all of them up to date (used only when every lead is in it). */
  bant?: Map<string, CurrentBant>;
}

export interface Reassessment {
  /** Only the leads where something changed. */
  changes: QualificationChange[];
  /** The temperature of every lead reassessed (not merged away), changed or not. */
  temperatures: Map<string, Temperature>;
}

type LockedLead = { id: string; stage: string; temperature: string; mergedIntoId: string | null };

function lastEvent(events: readonly EventFact[]): EventFact | undefined {
  return events.reduce<EventFact | undefined>(
    (latest, event) =>
      !latest ||
      event.occurredAt > latest.occurredAt ||
      (event.occurredAt === latest.occurredAt && event.id > latest.id)
        ? event
        : latest,
    undefined,
  );
}

/**
 * After a rescore, in the same transaction: decides each lead's temperature (score bands, hot
 * signals, BANT budget and timeline) and, when the workspace lets it, moves leads up the lifecycle.
 */
export async function reassessLeads(
  tx: Database,
  workspaceId: string,
  outcomes: LeadScoreOutcome[],
  now: Date,
  known: KnownForReassessment = {},
): Promise<Reassessment> {
  if (outcomes.length === 0) return { changes: [], temperatures: new Map() };
  const nowMs = now.getTime();
  const leadIds = outcomes.map((outcome) => outcome.leadId);
  const grid = known.grid ?? (await loadGridCached(tx, workspaceId));
  const settings = known.settings ?? (await loadQualificationSettingsCached(tx, workspaceId));
  // Locked so two concurrent reassessments of a lead cannot both record the same stage move (the
  // rescore that produced the outcomes read them under that lock already).
  const rows: LockedLead[] = outcomes.every((outcome) => outcome.locked)
    ? outcomes.map((outcome) => ({ id: outcome.leadId, ...outcome.locked! }))
    : await tx
        .select({
          id: leads.id,
          stage: leads.stage,
          temperature: leads.temperature,
          mergedIntoId: leads.mergedIntoId,
        })
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, leadIds)))
        .orderBy(leads.id)
        .for('update');
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const bantByLead = leadIds.every((leadId) => known.bant?.has(leadId))
    ? known.bant!
    : await loadCurrentBant(tx, workspaceId, leadIds);
  const changes = new Map<string, QualificationChange>();
  const changeOf = (leadId: string): QualificationChange => {
    const existing = changes.get(leadId);
    if (existing) return existing;
    const created: QualificationChange = { leadId, temperature: null, stages: [] };
    changes.set(leadId, created);
    return created;
  };

  const temperatureUpdates: { leadId: string; temperature: string }[] = [];
  const active = outcomes.filter(
    (outcome) => rowById.get(outcome.leadId) && !rowById.get(outcome.leadId)?.mergedIntoId,
  );
  for (const outcome of active) {
    const row = rowById.get(outcome.leadId)!;
    const signals = bantSignals(bantByLead.get(outcome.leadId) ?? {}, nowMs);
    const decision = decideTemperature(outcome.total, grid.settings, outcome.events, signals, nowMs);
    if (decision.temperature === row.temperature) continue;
    temperatureUpdates.push({ leadId: outcome.leadId, temperature: decision.temperature });
    changeOf(outcome.leadId).temperature = {
      from: row.temperature,
      to: decision.temperature,
      reason: decision.reason,
    };
  }
  await applyLeadTemperatures(tx, workspaceId, temperatureUpdates, now);
  // The temperature's history, for the lead's story: one event per change with the rule that decided it.
  await appendEvents(
    tx,
    temperatureUpdates.map(({ leadId }) => ({
      workspaceId,
      leadId,
      type: 'temperature_changed',
      occurredAt: now,
      receivedAt: now,
      // Derived by Chaud, like automatic stage moves.
      source: 'system',
      properties: { ...changeOf(leadId).temperature, automatic: true },
    })),
  );

  if (settings.isAutoLifecycle) {
    const { mql, sql } = grid.settings.thresholds;
    // Every automatic move needs at least the lower threshold: skip the queries for the others.
    const candidates = active.filter((outcome) => outcome.total >= Math.min(mql, sql));
    const candidateIds = candidates.map((outcome) => outcome.leadId);
    const factsByLead = await loadEventFacts(tx, workspaceId, candidateIds, [
      ...INTENT_EVENT_TYPES,
      'stage_changed',
    ]);
    const actor = systemActor(workspaceId);
    for (const outcome of candidates) {
      const row = rowById.get(outcome.leadId)!;
      const facts = factsByLead.get(outcome.leadId) ?? [];
      const lastMove = lastEvent(facts.filter((event) => event.type === 'stage_changed'));
      const checklist = evaluateChecklist({
        fitScore: outcome.fit,
        icpFitMinScore: settings.icpFitMinScore,
        bant: bantByLead.get(outcome.leadId) ?? {},
        intentEvents: facts,
        intentWindowDays: grid.settings.hotSignalDays,
        nowMs,
      });
      const steps = decideAutomaticSteps({
        stage: row.stage,
        score: outcome.total,
        previousScore: outcome.previousTotal,
        thresholds: { mql, sql },
        checklistCount: checklist.count,
        isHeld:
          row.stage === 'recycled' ||
          (!!lastMove && isBackwardMove(String(lastMove.properties.from), String(lastMove.properties.to))),
      });
      for (const step of steps) {
        await changeLeadStage(tx, actor, outcome.leadId, step.to, step.reason, now, {
          score: outcome.total,
          threshold: step.to === 'sql' ? sql : mql,
          checklistCount: checklist.count,
        });
        changeOf(outcome.leadId).stages.push(step);
      }
    }
  }
  const temperatures = new Map(
    active.map((outcome) => {
      const change = changes.get(outcome.leadId)?.temperature;
      return [outcome.leadId, (change?.to ?? rowById.get(outcome.leadId)!.temperature) as Temperature];
    }),
  );
  return { changes: [...changes.values()], temperatures };
}

/** The lead → prospect checklist of one lead as it stands now. */
export async function getLeadChecklist(
  db: Database,
  actor: Actor,
  leadId: string,
  now: Date,
): Promise<Checklist> {
  const lead = await findVisibleLead(db, actor, leadId);
  const grid = await loadGrid(db, actor.workspaceId);
  const settings = await loadQualificationSettings(db, actor.workspaceId);
  const bant: CurrentBant = (await loadCurrentBant(db, actor.workspaceId, [lead.id])).get(lead.id) ?? {};
  const events =
    (await loadEventFacts(db, actor.workspaceId, [lead.id], [...INTENT_EVENT_TYPES])).get(lead.id) ?? [];
  return evaluateChecklist({
    fitScore: lead.fitScore,
    icpFitMinScore: settings.icpFitMinScore,
    bant,
    intentEvents: events,
    intentWindowDays: grid.settings.hotSignalDays,
    nowMs: now.getTime(),
  });
}
