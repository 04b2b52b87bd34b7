import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users, workspaces } from '../access/access.tables.ts';
import { leads } from '../leads/leads.tables.ts';

export const CHANNELS = ['whatsapp', 'email', 'sandbox'] as const;
export type ChannelKind = (typeof CHANNELS)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound', 'note'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_AUTHORS = ['lead', 'agent', 'user', 'system'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

export const MESSAGE_STATUSES = [
  'received',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'cancelled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface StoredTemplate {
  name: string;
  languageCode: string;
  status?: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
}

/** A WhatsApp Business phone number connected to a workspace; webhooks are routed by `phone_number_id`. */
export const whatsappAccounts = pgTable(
  'whatsapp_accounts',
  {
    workspaceId: text('workspace_id')
      .primaryKey()
      .references(() => workspaces.id),
    phoneNumberId: text('phone_number_id').notNull(),
    // Stored as given: the database is the secret store of a self-hosted install; never returned by the API.
    accessToken: text('access_token').notNull(),
    appSecret: text('app_secret').notNull(),
    verifyToken: text('verify_token').notNull(),
    graphUrl: text('graph_url').notNull(),
    templates: jsonb('templates').$type<Record<string, StoredTemplate[]>>().notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('whatsapp_accounts_phone_number_idx').on(table.phoneNumberId)],
);

/** Tone, identity and FAQ of the qualification agent; a workspace without a row uses the defaults. */
export const agentSettings = pgTable('agent_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  isEnabled: boolean('is_enabled').notNull().default(true),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by'),
});

/** One conversation per lead and channel. `mode` says who answers: the agent or a person. */
export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    // wa_id for WhatsApp, the e-mail address for email, the lead id for the sandbox.
    contactAddress: text('contact_address').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    mode: text('mode', { enum: ['agent', 'human'] })
      .notNull()
      .default('agent'),
    needsHuman: boolean('needs_human').notNull().default(false),
    handoffReason: text('handoff_reason'),
    assignedUserId: text('assigned_user_id').references(() => users.id),
    language: text('language', { enum: ['fr', 'en'] }).notNull(),
    agentState: jsonb('agent_state').$type<Record<string, unknown>>().notNull(),
    verdict: text('verdict', { enum: ['hot', 'warm', 'cold', 'not_interested'] }),
    verdictReason: text('verdict_reason'),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    lastOutboundAt: timestamp('last_outbound_at', { withTimezone: true }),
    // The earliest instant the next outbound message may leave (WhatsApp: one message per 6 s per user).
    nextSendAt: timestamp('next_send_at', { withTimezone: true }),
    // Bumped by every message: a silence follow-up fires only if nothing happened since it was planned.
    activitySequence: integer('activity_sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('conversations_lead_channel_idx').on(table.workspaceId, table.leadId, table.channel),
    index('conversations_inbox_idx').on(table.workspaceId, table.needsHuman, table.updatedAt),
  ],
);

/** Every message of a conversation, both ways, plus internal notes (never sent). */
export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    author: text('author', { enum: MESSAGE_AUTHORS }).notNull(),
    authorUserId: text('author_user_id'),
    // text, template, choices, media, location, contacts, reaction, unsupported, note, email
    kind: text('kind').notNull(),
    body: text('body'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    // wamid for WhatsApp, Message-ID for e-mail: unique per workspace, so a redelivery is one message.
    providerMessageId: text('provider_message_id'),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }),
    error: jsonb('error').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('messages_conversation_idx').on(table.workspaceId, table.conversationId, table.createdAt),
    uniqueIndex('messages_provider_id_idx')
      .on(table.workspaceId, table.providerMessageId)
      .where(sql`${table.providerMessageId} IS NOT NULL`),
  ],
);

/**
 * Webhook deliveries as received, written before the 200 so a crash never loses one; a job
 * processes each. Meta retries for days, so the body is kept until processed.
 */
export const inboundDeliveries = pgTable(
  'inbound_deliveries',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    provider: text('provider', { enum: ['whatsapp', 'email'] }).notNull(),
    body: text('body').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    error: text('error'),
  },
  (table) => [index('inbound_deliveries_pending_idx').on(table.workspaceId, table.processedAt)],
);
