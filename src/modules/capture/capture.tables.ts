import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaces } from '../access/access.tables.ts';

export interface FormFieldDefinition {
  name: string;
  label?: string;
  type?: 'text' | 'email' | 'tel' | 'textarea' | 'select' | 'checkbox' | 'hidden';
  required?: boolean;
  options?: string[];
  // Lead field this answer fills (`email`, `firstName`, `company.name`…); unmapped answers go to attributes.
  mapTo?: string;
}

export interface FormConsentDefinition {
  purpose: string;
  channel: string;
  text: string;
  field: string;
  required?: boolean;
}

export interface FormRoutingDefinition {
  meetingType: string | null;
  endings: { name: string; when: unknown; outcome: 'disqualified' | 'not_now'; message: string | null }[];
  noOwnerMessage: string | null;
}

export const forms = pgTable(
  'forms',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    fields: jsonb('fields').$type<FormFieldDefinition[]>().notNull(),
    consents: jsonb('consents').$type<FormConsentDefinition[]>().notNull().default([]),
    allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull().default([]),
    successRedirect: text('success_redirect'),
    successMessage: text('success_message'),
    honeypotField: text('honeypot_field').notNull().default('website'),
    source: text('source'),
    // A routing form's endings and meeting type (capture/form-routing.schemas.ts); null for a plain form.
    routing: jsonb('routing').$type<FormRoutingDefinition | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('forms_key_unique').on(table.key),
    index('forms_workspace_idx').on(table.workspaceId),
  ],
);
