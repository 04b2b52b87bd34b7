import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { type MessageTemplate, parseMessageTemplate } from './message-template.schemas.ts';
import { nurturingErrors } from './nurturing.errors.ts';
import { messageTemplates } from './nurturing.tables.ts';

/** A workspace template, or the shipped default of that name. */
export async function findTemplate(
  db: Database,
  workspaceId: string,
  name: string,
): Promise<MessageTemplate | null> {
  const [row] = await db
    .select({ template: messageTemplates.template })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.name, name)));
  if (row) return row.template as unknown as MessageTemplate;
  return DEFAULT_TEMPLATES.find((template) => template.name === name) ?? null;
}

/** Every template the workspace can use: its own, then the defaults it has not replaced. */
export async function listTemplates(
  db: Database,
  workspaceId: string,
): Promise<(MessageTemplate & { isDefault: boolean })[]> {
  const rows = await db
    .select({ template: messageTemplates.template })
    .from(messageTemplates)
    .where(eq(messageTemplates.workspaceId, workspaceId))
    .orderBy(asc(messageTemplates.name));
  const own = rows.map((row) => ({ ...(row.template as unknown as MessageTemplate), isDefault: false }));
  const names = new Set(own.map((template) => template.name));
  const defaults = DEFAULT_TEMPLATES.filter((template) => !names.has(template.name)).map((template) => ({
    ...template,
    isDefault: true,
  }));
  return [...own, ...defaults];
}

/** Saves (creates or replaces) a template; errors name their path (`body.fr: unknown token {{lead.nom}}`). */
export async function saveTemplate(
  db: Database,
  workspaceId: string,
  name: string,
  input: unknown,
  now: Date,
): Promise<MessageTemplate> {
  const parsed = parseMessageTemplate({ ...(input as object), name });
  if (!parsed.ok) throw nurturingErrors.invalidTemplate(parsed.errors);
  const template = parsed.template as unknown as Record<string, unknown>;
  await db
    .insert(messageTemplates)
    .values({ workspaceId, name, template, updatedAt: now })
    .onConflictDoUpdate({
      target: [messageTemplates.workspaceId, messageTemplates.name],
      set: { template, updatedAt: now },
    });
  return parsed.template;
}

export async function getTemplate(db: Database, workspaceId: string, name: string): Promise<MessageTemplate> {
  const template = await findTemplate(db, workspaceId, name);
  if (!template) throw nurturingErrors.templateNotFound(name);
  return template;
}
