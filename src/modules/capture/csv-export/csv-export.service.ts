import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../../platform/context.ts';
import { type LeadFilters, leadFilterConditions, leads, toLeadDto } from '../../leads/index.ts';
import { encodeCsvLine, UTF8_BOM } from './csv-cell.rules.ts';
import { LEAD_CSV_COLUMNS, toLeadCsvCells } from './lead-csv.rules.ts';

export type LeadExportFormat = 'csv' | 'jsonl';

export interface LeadExportOptions {
  workspaceId: string;
  format: LeadExportFormat;
  /** Leads read per query. */
  pageSize?: number;
  onProgress?: (progress: { leadsWritten: number; totalLeads: number }) => void;
  /**
   * Only the leads this actor sees that match these filters (the list's, over HTTP); without it
   * every lead of the workspace (the CLI). The actor's workspace must be `workspaceId`.
   */
  scope?: { actor: Actor; filters: LeadFilters };
}

const DEFAULT_PAGE_SIZE = 1000;

async function writeWithBackpressure(output: Writable, text: string): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}

/** Leads of the workspace that still stand on their own (merged ones live on in their survivor). */
async function countLeads(ctx: AppContext, workspaceId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), isNull(leads.mergedIntoId)));
  return row?.count ?? 0;
}

/**
 * Streams every lead of a workspace to `output`, oldest first, one page at a time by keyset on
 * (created_at, id) — the workspace/created index — so memory stays flat whatever the count.
 * CSV starts with a UTF-8 BOM and a header and neutralises formula cells; JSONL is one lead DTO a line.
 * Does not end `output` (it may be stdout).
 */
export async function exportLeads(
  ctx: AppContext,
  output: Writable,
  options: LeadExportOptions,
): Promise<{ leadsWritten: number }> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const totalLeads = options.onProgress ? await countLeads(ctx, options.workspaceId) : 0;
  if (options.format === 'csv')
    await writeWithBackpressure(output, UTF8_BOM + encodeCsvLine(LEAD_CSV_COLUMNS));
  let cursor: { createdAt: string; id: string } | null = null;
  let leadsWritten = 0;
  for (;;) {
    // The cursor keeps created_at as PostgreSQL text: a JS Date would drop microseconds and repeat rows.
    const rows: (typeof leads.$inferSelect & { cursorCreatedAt: string })[] = await ctx.db
      .select({ ...getTableColumns(leads), cursorCreatedAt: sql<string>`${leads.createdAt}::text` })
      .from(leads)
      .where(
        and(
          eq(leads.workspaceId, options.workspaceId),
          isNull(leads.mergedIntoId),
          ...(options.scope ? leadFilterConditions(options.scope.actor, options.scope.filters) : []),
          cursor
            ? sql`(${leads.createdAt}, ${leads.id}) > (${cursor.createdAt}::timestamptz, ${cursor.id})`
            : undefined,
        ),
      )
      .orderBy(asc(leads.createdAt), asc(leads.id))
      .limit(pageSize);
    if (rows.length === 0) break;
    let text = '';
    for (const { cursorCreatedAt: _, ...row } of rows) {
      const dto = toLeadDto(row);
      text += options.format === 'csv' ? encodeCsvLine(toLeadCsvCells(dto)) : `${JSON.stringify(dto)}\n`;
    }
    await writeWithBackpressure(output, text);
    leadsWritten += rows.length;
    options.onProgress?.({ leadsWritten, totalLeads });
    const last = rows.at(-1)!;
    cursor = { createdAt: last.cursorCreatedAt, id: last.id };
    if (rows.length < pageSize) break;
  }
  return { leadsWritten };
}
