import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { announceSettingsChange, settingsCache } from '../../platform/settings-cache.ts';
import type { QualificationSettingsDto, QualificationSettingsInput } from './bant.schemas.ts';
import { type NeedCategory, qualificationSettings } from './qualification.tables.ts';

export interface QualificationSettings {
  needCategories: NeedCategory[];
  icpFitMinScore: number;
  isAutoLifecycle: boolean;
  updatedAt: Date | null;
}

export const DEFAULT_QUALIFICATION_SETTINGS: QualificationSettings = {
  needCategories: [],
  icpFitMinScore: 30,
  isAutoLifecycle: true,
  updatedAt: null,
};

/** The workspace's settings, or the defaults until someone saves them. */
export async function loadQualificationSettings(
  db: Database,
  workspaceId: string,
): Promise<QualificationSettings> {
  const [row] = await db
    .select()
    .from(qualificationSettings)
    .where(eq(qualificationSettings.workspaceId, workspaceId));
  if (!row) return DEFAULT_QUALIFICATION_SETTINGS;
  return {
    needCategories: row.needCategories,
    icpFitMinScore: row.icpFitMinScore,
    isAutoLifecycle: row.isAutoLifecycle,
    updatedAt: row.updatedAt,
  };
}

const QUALIFICATION_SETTINGS = 'qualification_settings';
const cachedSettings = settingsCache<QualificationSettings>(QUALIFICATION_SETTINGS);

/**
 * `loadQualificationSettings` through the process's settings cache, for the paths that run on every
 * capture and agent turn. `saveQualificationSettings` reads with the uncached one.
 */
export function loadQualificationSettingsCached(
  db: Database,
  workspaceId: string,
): Promise<QualificationSettings> {
  return cachedSettings.get(db, workspaceId, (tx) => loadQualificationSettings(tx, workspaceId));
}

/** Saves the fields given; the ones left out keep their current value. */
export async function saveQualificationSettings(
  tx: Database,
  workspaceId: string,
  input: QualificationSettingsInput,
  actorId: string | null,
  now: Date,
): Promise<QualificationSettings> {
  const current = await loadQualificationSettings(tx, workspaceId);
  const next = {
    needCategories: input.needCategories ?? current.needCategories,
    icpFitMinScore: input.icpFitMinScore ?? current.icpFitMinScore,
    isAutoLifecycle: input.isAutoLifecycle ?? current.isAutoLifecycle,
  };
  await announceSettingsChange(tx, QUALIFICATION_SETTINGS, workspaceId);
  await tx
    .insert(qualificationSettings)
    .values({ workspaceId, ...next, updatedAt: now, updatedBy: actorId })
    .onConflictDoUpdate({
      target: qualificationSettings.workspaceId,
      set: { ...next, updatedAt: now, updatedBy: actorId },
    });
  return { ...next, updatedAt: now };
}

export function toQualificationSettingsDto(settings: QualificationSettings): QualificationSettingsDto {
  return {
    needCategories: settings.needCategories,
    icpFitMinScore: settings.icpFitMinScore,
    isAutoLifecycle: settings.isAutoLifecycle,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}
