import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaces } from '../access/access.tables.ts';

/** The consent ledger: rows are only ever inserted; current consent is the latest row per purpose and channel. */
export const consents = pgTable(
  'consents',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id').notNull(),
    purpose: text('purpose').notNull(),
    channel: text('channel').notNull(),
    isGranted: boolean('is_granted').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    method: text('method').notNull(),
    formId: text('form_id'),
    text: text('text'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    messageId: text('message_id'),
    actor: text('actor'),
  },
  (table) => [
    index('consents_lead_idx').on(
      table.workspaceId,
      table.leadId,
      table.purpose,
      table.channel,
      table.recordedAt,
    ),
  ],
);
