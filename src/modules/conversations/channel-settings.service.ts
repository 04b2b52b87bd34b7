import { asc, eq } from 'drizzle-orm';
import type { Config } from '../../config/env.ts';
import type { Database } from '../../platform/db/database.ts';
import { announceSettingsChange, settingsCache } from '../../platform/settings-cache.ts';
import { workspaces } from '../access/index.ts';
import { type AgentSettings, parseAgentSettings } from './agent/index.ts';
import type { WhatsAppAccount } from './channels/whatsapp/whatsapp.channel.ts';
import { conversationErrors } from './conversations.errors.ts';
import type { AgentSettingsInput, WhatsAppAccountInput } from './conversations.schemas.ts';
import { agentSettings, whatsappAccounts } from './conversations.tables.ts';

export interface WorkspaceAgentSettings extends AgentSettings {
  isEnabled: boolean;
  followUpAfterMinutes: number;
}

/** Two hours: long enough not to nag, short enough that the lead still remembers the conversation. */
export const DEFAULT_FOLLOW_UP_MINUTES = 120;

export async function loadAgentSettings(db: Database, workspaceId: string): Promise<WorkspaceAgentSettings> {
  const [row] = await db.select().from(agentSettings).where(eq(agentSettings.workspaceId, workspaceId));
  const stored = (row?.settings ?? {}) as { followUpAfterMinutes?: unknown };
  // Settings written by an older version are repaired field by field rather than trusted.
  const followUp = stored.followUpAfterMinutes;
  return {
    ...parseAgentSettings(stored),
    followUpAfterMinutes: typeof followUp === 'number' && followUp > 0 ? followUp : DEFAULT_FOLLOW_UP_MINUTES,
    isEnabled: row?.isEnabled ?? true,
  };
}

const AGENT_SETTINGS = 'agent_settings';
const WHATSAPP_ACCOUNT = 'whatsapp_account';
const cachedAgentSettings = settingsCache<WorkspaceAgentSettings>(AGENT_SETTINGS);
const cachedWhatsAppAccounts = settingsCache<WhatsAppAccountRow | undefined>(WHATSAPP_ACCOUNT);

/** `loadAgentSettings` through the process's settings cache (every first contact and agent turn). */
export function loadAgentSettingsCached(db: Database, workspaceId: string): Promise<WorkspaceAgentSettings> {
  return cachedAgentSettings.get(db, workspaceId, (tx) => loadAgentSettings(tx, workspaceId));
}

export async function saveAgentSettings(
  db: Database,
  workspaceId: string,
  input: AgentSettingsInput,
  actor: string | null,
  now: Date,
): Promise<WorkspaceAgentSettings> {
  return db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const current = await loadAgentSettings(tx, workspaceId);
    const { isEnabled, ...rest } = { ...current, ...input };
    const settings = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    await announceSettingsChange(tx, AGENT_SETTINGS, workspaceId);
    await tx
      .insert(agentSettings)
      .values({ workspaceId, isEnabled, settings, updatedAt: now, updatedBy: actor })
      .onConflictDoUpdate({
        target: agentSettings.workspaceId,
        set: { isEnabled, settings, updatedAt: now, updatedBy: actor },
      });
    return loadAgentSettings(tx, workspaceId);
  });
}

export type WhatsAppAccountRow = typeof whatsappAccounts.$inferSelect;

export async function findWhatsAppAccount(
  db: Database,
  workspaceId: string,
): Promise<WhatsAppAccountRow | undefined> {
  const [row] = await db.select().from(whatsappAccounts).where(eq(whatsappAccounts.workspaceId, workspaceId));
  return row;
}

/** `findWhatsAppAccount` through the process's settings cache (every send and first contact). */
export function findWhatsAppAccountCached(
  db: Database,
  workspaceId: string,
): Promise<WhatsAppAccountRow | undefined> {
  return cachedWhatsAppAccounts.get(db, workspaceId, (tx) => findWhatsAppAccount(tx, workspaceId));
}

/** Webhooks name the business number, not the workspace: this is how they are routed. */
export async function findWhatsAppAccountByPhoneNumberId(
  db: Database,
  phoneNumberId: string,
): Promise<WhatsAppAccountRow | undefined> {
  const [row] = await db
    .select()
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.phoneNumberId, phoneNumberId));
  return row;
}

/** Every verify token configured (Meta's GET handshake names no number, only the token). */
export async function listWhatsAppVerifyTokens(db: Database): Promise<string[]> {
  const rows = await db.select({ token: whatsappAccounts.verifyToken }).from(whatsappAccounts);
  return rows.map((row) => row.token);
}

export function toWhatsAppAccount(row: WhatsAppAccountRow): WhatsAppAccount {
  return {
    phoneNumberId: row.phoneNumberId,
    accessToken: row.accessToken,
    graphUrl: row.graphUrl,
    templates: row.templates,
  };
}

export async function saveWhatsAppAccount(
  db: Database,
  workspaceId: string,
  input: WhatsAppAccountInput,
  now: Date,
): Promise<WhatsAppAccountRow> {
  const values = { ...input, templates: input.templates as WhatsAppAccountRow['templates'], updatedAt: now };
  try {
    return await db.transaction(async (inner) => {
      const tx = inner as unknown as Database;
      await announceSettingsChange(tx, WHATSAPP_ACCOUNT, workspaceId);
      const [row] = await tx
        .insert(whatsappAccounts)
        .values({ workspaceId, ...values })
        .onConflictDoUpdate({ target: whatsappAccounts.workspaceId, set: values })
        .returning();
      return row!;
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause ?? error;
    if ((cause as { code?: string }).code === '23505') throw conversationErrors.phoneNumberTaken();
    throw error;
  }
}

/** Secrets are write-only: the API shows whether they are set and their last 4 characters. */
export function toWhatsAppAccountDto(row: WhatsAppAccountRow) {
  const mask = (value: string) => `…${value.slice(-4)}`;
  return {
    phoneNumberId: row.phoneNumberId,
    graphUrl: row.graphUrl,
    accessToken: mask(row.accessToken),
    appSecret: mask(row.appSecret),
    verifyToken: mask(row.verifyToken),
    templates: row.templates,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Self-hosting: WHATSAPP_* variables connect the first workspace's number at start, so a single
 * tenant install needs no API call. Existing settings made through the API are replaced.
 */
export async function applyWhatsAppEnvironment(
  db: Database,
  config: Config,
  now: Date,
): Promise<string | null> {
  const env = config.env;
  if (!env.WHATSAPP_PHONE_NUMBER_ID || !env.WHATSAPP_ACCESS_TOKEN || !env.WHATSAPP_APP_SECRET) return null;
  const [first] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(1);
  if (!first) return null;
  const workspaceId = first.id;
  const existing = await findWhatsAppAccount(db, workspaceId);
  await saveWhatsAppAccount(
    db,
    workspaceId,
    {
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
      accessToken: env.WHATSAPP_ACCESS_TOKEN,
      appSecret: env.WHATSAPP_APP_SECRET,
      verifyToken: env.WHATSAPP_VERIFY_TOKEN ?? existing?.verifyToken ?? env.WHATSAPP_APP_SECRET,
      graphUrl: env.WHATSAPP_GRAPH_URL,
      templates: existing?.templates ?? {},
    },
    now,
  );
  return workspaceId;
}
