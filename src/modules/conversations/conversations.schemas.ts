import { z } from 'zod';
import { CHANNELS, MESSAGE_AUTHORS, MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from './conversations.tables.ts';

const ZLocalized = z
  .object({ fr: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) })
  .strict();

export const ZAgentSettingsInput = z
  .object({
    isEnabled: z.boolean().optional(),
    tone: z.enum(['tu', 'vous']).optional(),
    style: z.enum(['formal', 'casual']).optional(),
    companyName: z.string().trim().min(1).max(120).optional(),
    agentName: z.string().trim().min(1).max(60).optional(),
    signature: z.string().trim().max(300).nullable().optional(),
    defaultLanguage: z.enum(['fr', 'en']).optional(),
    faq: z
      .array(z.object({ topic: z.string().trim().min(1).max(60), answer: ZLocalized }).strict())
      .max(50)
      .optional(),
    contentOffer: z
      .object({
        title: z
          .object({ fr: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })
          .strict(),
        url: z.url(),
      })
      .strict()
      .nullable()
      .optional(),
    /** Minutes of silence before the agent nudges a lead who stopped answering mid-qualification. */
    followUpAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14)
      .optional(),
  })
  .strict();
export type AgentSettingsInput = z.infer<typeof ZAgentSettingsInput>;

const ZTemplate = z
  .object({
    name: z.string().trim().min(1).max(512),
    languageCode: z
      .string()
      .regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,4})?$/, 'a language code such as fr or en_US'),
    status: z.enum(['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED']).optional(),
  })
  .strict();

export const ZWhatsAppAccountInput = z
  .object({
    phoneNumberId: z
      .string()
      .trim()
      .regex(/^\d{5,30}$/, 'the numeric id Meta shows for the phone number'),
    accessToken: z.string().trim().min(10).max(2000),
    appSecret: z.string().trim().min(8).max(200),
    verifyToken: z.string().trim().min(8).max(200),
    graphUrl: z.url().default('https://graph.facebook.com/v23.0'),
    templates: z
      .object({
        first_contact: z.array(ZTemplate).max(10).optional(),
        follow_up: z.array(ZTemplate).max(10).optional(),
        booking_reminder: z.array(ZTemplate).max(10).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type WhatsAppAccountInput = z.infer<typeof ZWhatsAppAccountInput>;

export const ZMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  author: z.enum(MESSAGE_AUTHORS),
  authorUserId: z.string().nullable(),
  kind: z.string(),
  body: z.string().nullable(),
  choices: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
  status: z.enum(MESSAGE_STATUSES),
  providerMessageId: z.string().nullable(),
  error: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type MessageDto = z.infer<typeof ZMessage>;

export const ZConversation = z.object({
  id: z.string(),
  leadId: z.string(),
  channel: z.enum(CHANNELS),
  contactAddress: z.string(),
  status: z.enum(['open', 'closed']),
  mode: z.enum(['agent', 'human']),
  needsHuman: z.boolean(),
  handoffReason: z.string().nullable(),
  assignedUserId: z.string().nullable(),
  language: z.enum(['fr', 'en']),
  phase: z.string().nullable(),
  verdict: z.enum(['hot', 'warm', 'cold', 'not_interested']).nullable(),
  verdictReason: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
  lastOutboundAt: z.string().nullable(),
  windowClosesAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ConversationDto = z.infer<typeof ZConversation>;

/** The lead's display fields, so the inbox shows a name without reading each lead. */
export const ZConversationLead = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  companyName: z.string().nullable(),
});

/** Preview of the newest message sent or received (internal notes left out: they are not the exchange). */
export const ZLastMessage = z.object({
  direction: z.enum(MESSAGE_DIRECTIONS),
  author: z.enum(MESSAGE_AUTHORS),
  kind: z.string(),
  /** The first 140 characters of the body. */
  text: z.string().nullable(),
  createdAt: z.string(),
});

/** A conversation as the inbox lists it: the conversation, its lead and its last message. */
export const ZConversationListItem = ZConversation.extend({
  lead: ZConversationLead,
  lastMessage: ZLastMessage.nullable(),
});
export type ConversationListItemDto = z.infer<typeof ZConversationListItem>;

export const ZConversationListQuery = z
  .object({
    needsHuman: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    leadId: z.string().max(100).optional(),
    channel: z.enum(CHANNELS).optional(),
    status: z.enum(['open', 'closed']).optional(),
    assignedUserId: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.iso.datetime().optional(),
  })
  .strict();

export const ZTextInput = z.object({ text: z.string().trim().min(1).max(4096) }).strict();
export const ZAssignInput = z.object({ userId: z.string().min(1).max(100).nullable() }).strict();
export const ZSandboxMessageInput = z
  .object({
    text: z.string().max(4096).optional(),
    /** Id of a button or list row the simulated lead taps (`slot:…`). */
    choiceId: z.string().max(256).optional(),
  })
  .strict()
  .refine((value) => (value.text?.trim() ?? '') !== '' || value.choiceId !== undefined, {
    message: 'send text, choiceId or both',
  });
