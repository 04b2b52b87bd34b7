import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { announceSettingsChange, settingsCache } from '../../platform/settings-cache.ts';
import { applyLeadScores, events, leads } from '../leads/index.ts';
import { defaultGridRules } from './grid/default-grid.ts';
import {
  type CompiledGrid,
  compileGrid,
  type EventFact,
  type GridScore,
  type LeadFacts,
} from './grid/grid.engine.ts';
import {
  type ScoringRule,
  type ScoringSettings,
  ZScoringRule,
  ZScoringSettings,
} from './grid/grid.schemas.ts';
import { scoringErrors } from './scoring.errors.ts';
import { leadPredictions, type ScoreCause, scoreChanges, scoringGrids } from './scoring.tables.ts';

export interface GridDocument {
  version: number;
  rules: ScoringRule[];
  settings: ScoringSettings;
}

export interface LeadScoreOutcome extends GridScore {
  leadId: string;
  previousTotal: number;
  /** The events the grid read, so later steps (temperature) need not load them again. */
  events: EventFact[];
  hasChanged: boolean;
  /** The lead's lifecycle columns, read under the row lock the rescore takes (absent: not read). */
  locked?: { stage: string; temperature: string; mergedIntoId: string | null };
}

const compiledCache = new Map<string, { version: number; compiled: CompiledGrid }>();

export function defaultGrid(): GridDocument {
  return { version: 0, rules: defaultGridRules(), settings: ZScoringSettings.parse({}) };
}

/** The workspace's grid, or the default template until someone saves one. */
export async function loadGrid(db: Database, workspaceId: string): Promise<GridDocument> {
  const [row] = await db.select().from(scoringGrids).where(eq(scoringGrids.workspaceId, workspaceId));
  if (!row) return defaultGrid();
  return { version: row.version, rules: row.rules, settings: ZScoringSettings.parse(row.settings) };
}

const SCORING_GRID = 'scoring_grid';
const grids = settingsCache<GridDocument>(SCORING_GRID);

/**
 * `loadGrid` through the process's settings cache, for the paths that score on every capture, event
 * and agent turn. Writers (saveGrid, the grid editor) read with `loadGrid`: they need the stored
 * version, not one a few seconds old.
 */
export function loadGridCached(db: Database, workspaceId: string): Promise<GridDocument> {
  return grids.get(db, workspaceId, (tx) => loadGrid(tx, workspaceId));
}

export function compiledGridFor(workspaceId: string, grid: GridDocument): CompiledGrid {
  const cached = compiledCache.get(workspaceId);
  if (cached && cached.version === grid.version && grid.version > 0) return cached.compiled;
  const compiled = compileGrid(grid.rules, grid.settings);
  compiledCache.set(workspaceId, { version: grid.version, compiled });
  return compiled;
}

/** Validates a whole grid; errors name the path (`rules[3].condition.withinDays`). */
export function validateGrid(input: { rules: unknown; settings: unknown }): {
  rules: ScoringRule[];
  settings: ScoringSettings;
} {
  const details: { path: string; message: string }[] = [];
  const rules: ScoringRule[] = [];
  if (!Array.isArray(input.rules)) details.push({ path: 'rules', message: 'must be an array' });
  else {
    input.rules.forEach((raw, index) => {
      const parsed = ZScoringRule.safeParse(raw);
      if (parsed.success) rules.push(parsed.data);
      else
        for (const issue of parsed.error.issues)
          details.push({
            path: `rules[${index}]${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`,
            message: issue.message,
          });
    });
  }
  const settings = ZScoringSettings.safeParse(input.settings ?? {});
  if (!settings.success)
    for (const issue of settings.error.issues)
      details.push({ path: `settings.${issue.path.join('.')}`, message: issue.message });
  if (details.length > 0 || !settings.success) throw scoringErrors.invalidGrid(details);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw scoringErrors.duplicateRuleId(rule.id);
    seen.add(rule.id);
  }
  return { rules, settings: settings.data };
}

/** Stores a new version of the grid. Rescoring the workspace is the caller's next step. */
export async function saveGrid(
  tx: Database,
  workspaceId: string,
  input: { rules: unknown; settings: unknown },
  actorId: string | null,
  now: Date,
): Promise<GridDocument> {
  const { rules, settings } = validateGrid(input);
  const current = await loadGrid(tx, workspaceId);
  const version = current.version + 1;
  await announceSettingsChange(tx, SCORING_GRID, workspaceId);
  await tx
    .insert(scoringGrids)
    .values({ workspaceId, version, rules, settings, updatedAt: now, updatedBy: actorId })
    .onConflictDoUpdate({
      target: scoringGrids.workspaceId,
      set: { version, rules, settings, updatedAt: now, updatedBy: actorId },
    });
  return { version, rules, settings };
}

/** The lead columns a grid scores (and `toLeadFacts` reads). */
const FACT_COLUMNS = {
  jobTitle: leads.jobTitle,
  companySize: leads.companySize,
  companyIndustry: leads.companyIndustry,
  companyDomain: leads.companyDomain,
  companyName: leads.companyName,
  country: leads.country,
  language: leads.language,
  email: leads.email,
  source: leads.source,
  attributes: leads.attributes,
};

export function toLeadFacts(row: Pick<typeof leads.$inferSelect, keyof typeof FACT_COLUMNS>): LeadFacts {
  return {
    jobTitle: row.jobTitle,
    companySize: row.companySize,
    companyIndustry: row.companyIndustry,
    companyDomain: row.companyDomain,
    companyName: row.companyName,
    country: row.country,
    language: row.language,
    email: row.email,
    source: row.source,
    attributes: row.attributes,
  };
}

/** Event types the grid and the hot signals read: the only ones worth loading. */
export function eventTypesRead(grid: GridDocument): string[] {
  const types = new Set(grid.settings.hotSignalEvents);
  for (const rule of grid.rules)
    if (rule.group === 'engagement' && rule.isEnabled) types.add(rule.condition.eventType);
  return [...types];
}

export async function loadEventFacts(
  db: Database,
  workspaceId: string,
  leadIds: string[],
  types: string[],
): Promise<Map<string, EventFact[]>> {
  const byLead = new Map<string, EventFact[]>(leadIds.map((id) => [id, []]));
  if (leadIds.length === 0 || types.length === 0) return byLead;
  const rows = await db
    .select({
      id: events.id,
      leadId: events.leadId,
      type: events.type,
      occurredAt: events.occurredAt,
      properties: events.properties,
    })
    .from(events)
    .where(
      and(eq(events.workspaceId, workspaceId), inArray(events.leadId, leadIds), inArray(events.type, types)),
    );
  for (const row of rows)
    byLead.get(row.leadId)?.push({
      id: row.id,
      type: row.type,
      occurredAt: row.occurredAt.getTime(),
      properties: row.properties,
    });
  return byLead;
}

/**
 * Rescores leads after something happened to them, in the caller's transaction: the new scores,
 * their explanation (a score_changes row when the score moved) and the lead columns commit together.
 */
export async function rescoreLeads(
  tx: Database,
  workspaceId: string,
  leadIds: string[],
  cause: Omit<ScoreCause, 'gridVersion'>,
  now: Date,
  /** The workspace's grid when the caller has it already. */
  knownGrid?: GridDocument,
  /** The events the grid reads, per lead, when the caller knows them (used only if it knows all). */
  knownEvents?: ReadonlyMap<string, EventFact[]>,
): Promise<LeadScoreOutcome[]> {
  if (leadIds.length === 0) return [];
  const grid = knownGrid ?? (await loadGridCached(tx, workspaceId));
  const compiled = compiledGridFor(workspaceId, grid);
  // The scored columns only (a whole lead row costs twice as much to build and read), locked in id
  // order: the reassessment that follows decides temperature and stage from these same rows.
  const rows = await tx
    .select({
      id: leads.id,
      score: leads.score,
      fitScore: leads.fitScore,
      engagementScore: leads.engagementScore,
      stage: leads.stage,
      temperature: leads.temperature,
      mergedIntoId: leads.mergedIntoId,
      ...FACT_COLUMNS,
    })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, leadIds)))
    .orderBy(asc(leads.id))
    .for('update');
  const eventsByLead = leadIds.every((leadId) => knownEvents?.has(leadId))
    ? knownEvents!
    : await loadEventFacts(tx, workspaceId, leadIds, eventTypesRead(grid));
  const outcomes: LeadScoreOutcome[] = rows.map((row) => {
    const leadEvents = eventsByLead.get(row.id) ?? [];
    const score = compiled.score(toLeadFacts(row), leadEvents, now.getTime());
    const hasChanged =
      score.total !== row.score || score.fit !== row.fitScore || score.engagement !== row.engagementScore;
    const locked = { stage: row.stage, temperature: row.temperature, mergedIntoId: row.mergedIntoId };
    return { ...score, leadId: row.id, previousTotal: row.score, events: leadEvents, hasChanged, locked };
  });
  const changed = outcomes.filter((outcome) => outcome.hasChanged);
  await applyLeadScores(
    tx,
    workspaceId,
    changed.map(({ leadId, fit, engagement, total }) => ({ leadId, fit, engagement, total })),
    now,
  );
  if (changed.length > 0) {
    await tx.insert(scoreChanges).values(
      changed.map((outcome) => ({
        id: newId('scr', now.getTime()),
        workspaceId,
        leadId: outcome.leadId,
        createdAt: now,
        fit: outcome.fit,
        engagement: outcome.engagement,
        total: outcome.total,
        previousTotal: outcome.previousTotal,
        contributions: outcome.contributions,
        cause: { ...cause, gridVersion: grid.version },
      })),
    );
  }
  return outcomes;
}

/** Deletes the score history and predictions of leads that are being deleted. */
export async function deleteScoresForLeads(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return;
  await tx
    .delete(scoreChanges)
    .where(and(eq(scoreChanges.workspaceId, workspaceId), inArray(scoreChanges.leadId, leadIds)));
  await tx
    .delete(leadPredictions)
    .where(and(eq(leadPredictions.workspaceId, workspaceId), inArray(leadPredictions.leadId, leadIds)));
}
