import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { insertRowsAsJson } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import { leadErrors, leads } from '../leads/index.ts';
import { findNeedCategory, matchNeedCategory } from './bant.rules.ts';
import {
  BANT_INPUT_SCHEMAS,
  BANT_STORED_SCHEMAS,
  type BantDto,
  type BantEntry,
  type BantEntryDto,
  type CurrentBant,
} from './bant.schemas.ts';
import { qualificationErrors } from './qualification.errors.ts';
import {
  BANT_FIELDS,
  type BantField,
  type BantSource,
  bantValues,
  type NeedCategory,
} from './qualification.tables.ts';
import {
  loadQualificationSettings,
  loadQualificationSettingsCached,
} from './qualification-settings.service.ts';

export interface RecordBantCommand {
  workspaceId: string;
  leadId: string;
  /** Checked here, so callers may pass what they received (`budget`, `authority`, `need`, `timeline`). */
  field: string;
  value: unknown;
  /** 0..1; defaults to 1 (a person or a form stating it). Extractions pass their own. */
  confidence?: number;
  source: BantSource;
  /** The form field name or the message id the value came from. */
  sourceRef?: string | null;
  actor?: string | null;
}

const HISTORY_LIMIT = 500;

function isBantField(field: string): field is BantField {
  return (BANT_FIELDS as readonly string[]).includes(field);
}

/** The need categories a need is matched against: the caller's when it has them, else the workspace's. */
type NeedCategoriesSource = () => Promise<NeedCategory[]>;

async function resolveValue(
  field: BantField,
  raw: unknown,
  needCategories: NeedCategoriesSource,
): Promise<unknown> {
  const parsed = BANT_INPUT_SCHEMAS[field].safeParse(raw);
  if (!parsed.success) {
    throw qualificationErrors.invalidBantValue(
      field,
      parsed.error.issues.map((issue) => ({
        path: ['value', ...issue.path].join('.'),
        message: issue.message,
      })),
    );
  }
  if (field !== 'need') return parsed.data;
  const need = parsed.data as z.infer<typeof BANT_INPUT_SCHEMAS.need>;
  const categories = await needCategories();
  if (need.category === undefined)
    return { text: need.text, category: matchNeedCategory(need.text, categories) };
  if (need.category === null) return { text: need.text, category: null };
  const category = findNeedCategory(need.category, categories);
  if (!category)
    throw qualificationErrors.unknownNeedCategory(
      need.category,
      categories.map((item) => item.name),
    );
  return { text: need.text, category };
}

/**
 * Records one BANT answer as a new history row (forms, the API, imports and the agent all come
 * through here). Re-scoring and re-assessing the lead is the caller's next step, in the same transaction.
 */
export async function recordBantValue(
  tx: Database,
  command: RecordBantCommand,
  now: Date,
): Promise<BantEntry> {
  const [entry] = await recordBantValues(tx, command.workspaceId, [command], now);
  return entry!;
}

/**
 * Records several answers of one workspace at once, each checked as `recordBantValue` checks it
 * (the first invalid one throws, nothing is written): one check of the leads and one insert, the
 * need categories read once — or not at all when the caller passes the ones it has.
 */
export async function recordBantValues(
  tx: Database,
  workspaceId: string,
  commands: Omit<RecordBantCommand, 'workspaceId'>[],
  now: Date,
  known: { needCategories?: NeedCategory[] } = {},
): Promise<BantEntry[]> {
  if (commands.length === 0) return [];
  let categories: Promise<NeedCategory[]> | undefined;
  const needCategories = () => {
    categories ??= known.needCategories
      ? Promise.resolve(known.needCategories)
      : loadQualificationSettingsCached(tx, workspaceId).then((settings) => settings.needCategories);
    return categories;
  };
  const rows: (BantRow & { workspaceId: string; leadId: string })[] = [];
  for (const command of commands) {
    if (!isBantField(command.field)) throw qualificationErrors.unknownBantField(command.field, BANT_FIELDS);
    const field = command.field;
    const confidence = command.confidence ?? 1;
    if (!(confidence >= 0 && confidence <= 1))
      throw qualificationErrors.invalidBantValue(field, [
        { path: 'confidence', message: 'must be between 0 and 1' },
      ]);
    rows.push({
      id: newId('bnt', now.getTime()),
      workspaceId,
      leadId: command.leadId,
      field,
      value: await resolveValue(field, command.value, needCategories),
      confidence,
      source: command.source,
      sourceRef: command.sourceRef ?? null,
      actor: command.actor ?? null,
      recordedAt: now,
    });
  }
  const leadIds = [...new Set(rows.map((row) => row.leadId))];
  const found = await tx
    .select({ id: leads.id, mergedIntoId: leads.mergedIntoId })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, leadIds)));
  for (const leadId of leadIds) {
    const lead = found.find((row) => row.id === leadId);
    if (!lead) throw leadErrors.notFound(leadId);
    if (lead.mergedIntoId) throw leadErrors.mergedLead(lead.id, lead.mergedIntoId);
  }
  await tx.insert(bantValues).values(rows);
  return rows.map((row) => toEntry(row)!);
}

type BantRow = Pick<
  typeof bantValues.$inferSelect,
  'id' | 'field' | 'value' | 'confidence' | 'source' | 'sourceRef' | 'actor' | 'recordedAt'
>;

// Rows are checked on the way in; a value that no longer parses (an older shape) is left out of decisions.
function toEntry(row: BantRow): BantEntry | null {
  const parsed = BANT_STORED_SCHEMAS[row.field].safeParse(row.value);
  if (!parsed.success) return null;
  return { ...row, value: parsed.data } as BantEntry;
}

function setCurrent(current: CurrentBant, entry: BantEntry): void {
  (current as Record<string, BantEntry>)[entry.field] = entry;
}

// The latest row of each field of each lead: the current values.
function selectLatestRows(db: Database, workspaceId: string, leadIds: string[]) {
  return db
    .selectDistinctOn([bantValues.leadId, bantValues.field])
    .from(bantValues)
    .where(and(eq(bantValues.workspaceId, workspaceId), inArray(bantValues.leadId, leadIds)))
    .orderBy(bantValues.leadId, bantValues.field, desc(bantValues.recordedAt), desc(bantValues.id));
}

/**
 * The current values once `recorded` are added, without reading them again: a recorded entry
 * replaces a field's value when it is the later one, in the order `loadCurrentBant` reads them.
 */
export function withRecordedValues(current: CurrentBant, recorded: readonly BantEntry[]): CurrentBant {
  const next: CurrentBant = { ...current };
  for (const entry of recorded) {
    const existing = next[entry.field];
    const isLater =
      !existing ||
      entry.recordedAt > existing.recordedAt ||
      (entry.recordedAt.getTime() === existing.recordedAt.getTime() && entry.id > existing.id);
    if (isLater) setCurrent(next, entry);
  }
  return next;
}

/** The current value of each field for many leads, in one query. */
export async function loadCurrentBant(
  db: Database,
  workspaceId: string,
  leadIds: string[],
): Promise<Map<string, CurrentBant>> {
  const byLead = new Map<string, CurrentBant>(leadIds.map((id) => [id, {}]));
  if (leadIds.length === 0) return byLead;
  for (const row of await selectLatestRows(db, workspaceId, leadIds)) {
    const entry = toEntry(row);
    const current = byLead.get(row.leadId);
    if (entry && current) setCurrent(current, entry);
  }
  return byLead;
}

export function toBantEntryDto(entry: BantRow | BantEntry): BantEntryDto {
  return {
    id: entry.id,
    field: entry.field,
    value: entry.value,
    confidence: entry.confidence,
    source: entry.source,
    sourceRef: entry.sourceRef,
    actor: entry.actor,
    recordedAt: entry.recordedAt.toISOString(),
  };
}

/** Current values and the full history (newest first) of one lead; visibility is the caller's check. */
export async function getBant(db: Database, workspaceId: string, leadId: string): Promise<BantDto> {
  const rows = await db
    .select()
    .from(bantValues)
    .where(and(eq(bantValues.workspaceId, workspaceId), eq(bantValues.leadId, leadId)))
    .orderBy(desc(bantValues.recordedAt), desc(bantValues.id))
    .limit(HISTORY_LIMIT);
  const current: BantDto['current'] = { budget: null, authority: null, need: null, timeline: null };
  for (const row of await selectLatestRows(db, workspaceId, [leadId]))
    current[row.field] = toBantEntryDto(row);
  return { current, history: rows.map(toBantEntryDto) };
}

/** Deletes the BANT history of leads that are being deleted. */
export async function deleteBantValuesForLeads(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return;
  await tx
    .delete(bantValues)
    .where(and(eq(bantValues.workspaceId, workspaceId), inArray(bantValues.leadId, leadIds)));
}

/**
 * Records past BANT answers of many leads in one statement (history written after the fact), each
 * value checked as `recordBantValue` checks it; the need category is matched from the workspace list.
 */
export async function recordBantHistory(
  tx: Database,
  workspaceId: string,
  entries: { leadId: string; field: BantField; value: unknown; source: BantSource; recordedAt: Date }[],
): Promise<void> {
  if (entries.length === 0) return;
  const { needCategories } = await loadQualificationSettings(tx, workspaceId);
  const rows = entries.map((entry) => {
    const parsed = BANT_INPUT_SCHEMAS[entry.field].safeParse(entry.value);
    if (!parsed.success)
      throw qualificationErrors.invalidBantValue(
        entry.field,
        parsed.error.issues.map((issue) => ({
          path: ['value', ...issue.path].join('.'),
          message: issue.message,
        })),
      );
    const need = entry.field === 'need' ? (parsed.data as { text: string }) : null;
    return {
      id: newId('bnt', entry.recordedAt.getTime()),
      workspaceId,
      leadId: entry.leadId,
      field: entry.field,
      value: need ? { text: need.text, category: matchNeedCategory(need.text, needCategories) } : parsed.data,
      confidence: 1,
      source: entry.source,
      sourceRef: null,
      actor: null,
      recordedAt: entry.recordedAt,
    };
  });
  await insertRowsAsJson(tx, bantValues, rows);
}
