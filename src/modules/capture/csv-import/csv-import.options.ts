import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db/database.ts';
import { workspaces } from '../../access/index.ts';
import { type ConsentInput, ZConsentInput } from '../../privacy/index.ts';
import { csvImportErrors } from './csv-import.errors.ts';

/** `leads.csv` → `leads.errors.csv` in the same folder. */
export function defaultErrorReportPath(filePath: string): string {
  const parsed = path.parse(filePath);
  return path.join(parsed.dir, `${parsed.name}.errors.csv`);
}

/** `marketing_email:email` → a granted consent input; throws CSV_IMPORT_CONSENT_INVALID otherwise. */
export function parseConsentOption(value: string): ConsentInput {
  const [purpose, channel, ...rest] = value.split(':');
  if (!purpose || !channel || rest.length > 0)
    throw csvImportErrors.consentInvalid(value, 'expected one colon');
  const parsed = ZConsentInput.safeParse({ purpose, channel, granted: true });
  if (!parsed.success)
    throw csvImportErrors.consentInvalid(value, parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}

/** The requested workspace, or the oldest one when none is given. */
export async function resolveWorkspaceId(db: Database, requested?: string): Promise<string> {
  const query = db.select({ id: workspaces.id }).from(workspaces);
  const [row] = requested
    ? await query.where(eq(workspaces.id, requested)).limit(1)
    : await query.orderBy(asc(workspaces.createdAt), asc(workspaces.id)).limit(1);
  if (!row) throw csvImportErrors.workspaceNotFound(requested ?? null);
  return row.id;
}
