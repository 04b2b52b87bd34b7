import { and, eq, inArray } from 'drizzle-orm';
import type { InboundMessage, WebhookEntry, WhatsAppContact } from '../modules/conversations/index.ts';
import { leadIdentities, normalizePhone } from '../modules/leads/index.ts';
import type { Database } from '../platform/db/database.ts';

// How an inbound WhatsApp message reads for Chaud: who sent it, and what is stored of it.

/** The lead a sender is known as, and which of its WhatsApp identities are already recorded. */
export async function findLeadByWhatsApp(
  tx: Database,
  workspaceId: string,
  waId: string | undefined,
  businessScopedUserId: string | undefined,
): Promise<{ leadId: string; kinds: Set<string> } | null> {
  const candidates = [
    ...(waId ? [{ kind: 'whatsapp' as const, value: waId }] : []),
    ...(businessScopedUserId ? [{ kind: 'bsuid' as const, value: businessScopedUserId }] : []),
  ];
  if (candidates.length === 0) return null;
  const rows = await tx
    .select({ leadId: leadIdentities.leadId, kind: leadIdentities.kind })
    .from(leadIdentities)
    .where(
      and(
        eq(leadIdentities.workspaceId, workspaceId),
        inArray(
          leadIdentities.value,
          candidates.map((candidate) => candidate.value),
        ),
      ),
    );
  const matches = rows.filter((row) => candidates.some((candidate) => candidate.kind === row.kind));
  const first = matches[0];
  if (!first) return null;
  const kinds = new Set(matches.filter((row) => row.leadId === first.leadId).map((row) => row.kind));
  return { leadId: first.leadId, kinds };
}

// A wa_id is usually the phone number without "+", but Meta does not promise it (usernames, BSUIDs).
export function isPhoneNumber(value: string): boolean {
  try {
    return normalizePhone(value, 'FR') !== null;
  } catch {
    return false;
  }
}

export function contactOf(entry: WebhookEntry, message: InboundMessage): WhatsAppContact | undefined {
  return entry.contacts.find((contact) => contact.waId === message.from) ?? entry.contacts[0];
}

export function messageBody(message: InboundMessage): {
  kind: string;
  body: string | null;
  payload: Record<string, unknown>;
} {
  switch (message.kind) {
    case 'text':
      return { kind: 'text', body: message.text, payload: {} };
    case 'button_reply':
    case 'list_reply':
      return { kind: message.kind, body: message.title, payload: { choiceId: message.replyId } };
    case 'template_button':
      return { kind: message.kind, body: message.text, payload: { choiceId: message.payload ?? null } };
    case 'media':
      return {
        kind: 'media',
        body: message.media.caption ?? null,
        payload: { mediaType: message.mediaType, media: message.media },
      };
    case 'location':
      return {
        kind: 'location',
        body: message.location.name ?? null,
        payload: { location: message.location },
      };
    case 'contacts':
      return { kind: 'contacts', body: null, payload: { contacts: message.contacts } };
    case 'reaction':
      return {
        kind: 'reaction',
        body: message.emoji ?? null,
        payload: { targetMessageId: message.targetMessageId },
      };
    case 'system':
      return {
        kind: 'system',
        body: message.body ?? null,
        payload: { systemType: message.systemType ?? null },
      };
    case 'unsupported':
      return {
        kind: 'unsupported',
        body: null,
        payload: { originalType: message.originalType, errors: message.errors },
      };
  }
}
