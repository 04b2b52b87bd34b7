import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import {
  type ChannelKind,
  type ConsentSnapshot,
  composeFirstContact,
  decideChannelPermission,
  findWhatsAppAccountCached,
  initialAgentState,
  loadAgentSettingsCached,
  openConversation,
  queueOutboundMessage,
  recordFirstContact,
  type WorkspaceAgentSettings,
} from '../modules/conversations/index.ts';
import { type LeadRow, leads } from '../modules/leads/index.ts';
import { getCurrentConsentsOfLeads } from '../modules/privacy/index.ts';
import type { AppContext, DomainHooks } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { enqueueSilenceFollowUp } from './conversation-jobs.ts';
import { conversationRuntime } from './conversation-runtime.ts';

// Captures that must not trigger an opener: the lead wrote first (the agent answers that message),
// or the lead came in a bulk import (contacting thousands at once is a campaign, not speed to lead).
const SILENT_SOURCES = new Set(['whatsapp_inbound', 'import', 'email_inbound']);

interface Reach {
  channel: ChannelKind;
  contactAddress: string;
}

type Capture = { leadId: string; isCreated: boolean; source: string; isImport?: boolean };

/**
 * Speed to lead: in the capture's transaction, a new lead with WhatsApp consent gets the first
 * message at once — the approved first-contact template on a connected number, the sandbox
 * otherwise — and a lead with only e-mail consent gets an e-mail. The send itself goes through the
 * outbox, milliseconds after commit. One query when no captured lead consented (capture hot path).
 */
export async function greetNewLeads(
  ctx: AppContext,
  tx: Database,
  workspaceId: string,
  captures: readonly Capture[],
): Promise<string[]> {
  const candidates = captures
    .filter((capture) => capture.isCreated && !capture.isImport && !SILENT_SOURCES.has(capture.source))
    .map((capture) => capture.leadId);
  if (candidates.length === 0) return [];
  // Consents first: captures without a granted one (most API and form captures) need no lead read.
  const consentsByLead = await getCurrentConsentsOfLeads(tx, workspaceId, candidates);
  const consenting = candidates.filter((leadId) =>
    (consentsByLead.get(leadId) ?? []).some((consent) => consent.isGranted),
  );
  if (consenting.length === 0) return [];
  const reachable = await tx
    .select()
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, workspaceId),
        inArray(leads.id, consenting),
        or(isNotNull(leads.phone), isNotNull(leads.whatsappId), isNotNull(leads.email)),
      ),
    );
  if (reachable.length === 0) return [];
  const settings = await loadAgentSettingsCached(tx, workspaceId);
  if (!settings.isEnabled) return [];
  const hasWhatsAppNumber = (await findWhatsAppAccountCached(tx, workspaceId)) !== undefined;
  const sent: string[] = [];
  for (const lead of reachable) {
    const reach = chooseReach(ctx, lead, consentsByLead.get(lead.id) ?? [], hasWhatsAppNumber);
    const source = captures.find((capture) => capture.leadId === lead.id)?.source ?? null;
    if (reach) sent.push(await greet(ctx, tx, { lead, reach, settings, source }));
  }
  return sent;
}

async function greet(
  ctx: AppContext,
  tx: Database,
  input: { lead: LeadRow; reach: Reach; settings: WorkspaceAgentSettings; source: string | null },
): Promise<string> {
  const { lead, reach, settings } = input;
  const language = lead.language?.toLowerCase().startsWith('en')
    ? 'en'
    : lead.language?.toLowerCase().startsWith('fr')
      ? 'fr'
      : settings.defaultLanguage;
  const opener = composeFirstContact({
    settings,
    lead: { firstName: lead.firstName },
    language,
    channel: reach.channel,
    source: input.source,
  });
  const now = ctx.clock.now();
  const conversation = await openConversation(tx, {
    workspaceId: lead.workspaceId,
    leadId: lead.id,
    ...reach,
    language,
    agentState: recordFirstContact(initialAgentState(language)) as unknown as Record<string, unknown>,
    now,
  });
  const content =
    reach.channel === 'whatsapp'
      ? {
          kind: 'template' as const,
          purpose: 'first_contact' as const,
          parameters: opener.templateParameters,
          text: opener.text,
        }
      : reach.channel === 'email'
        ? { kind: 'email' as const, subject: opener.subject, text: opener.text }
        : { kind: 'text' as const, text: opener.text };
  const message = await queueOutboundMessage(tx, ctx.outbox, {
    conversation,
    content,
    author: 'agent',
    now,
    purpose: 'first_contact',
  });
  await enqueueSilenceFollowUp(ctx, tx, conversation, {
    attempt: 1,
    startAfter: new Date(now.getTime() + settings.followUpAfterMinutes * 60_000),
  });
  return message.id;
}

function chooseReach(
  ctx: AppContext,
  lead: { id: string; phone: string | null; whatsappId: string | null; email: string | null },
  consents: readonly ConsentSnapshot[],
  hasWhatsAppNumber: boolean,
): Reach | null {
  const whatsappAddress = lead.whatsappId ?? lead.phone?.replace(/^\+/, '') ?? null;
  if (whatsappAddress && decideChannelPermission(consents, 'whatsapp', { hasLeadWritten: false }).isAllowed) {
    return hasWhatsAppNumber
      ? { channel: 'whatsapp', contactAddress: whatsappAddress }
      : { channel: 'sandbox', contactAddress: lead.id };
  }
  const canEmail =
    lead.email &&
    conversationRuntime(ctx).channels.email &&
    decideChannelPermission(consents, 'email', { hasLeadWritten: false }).isAllowed;
  return canEmail ? { channel: 'email', contactAddress: lead.email! } : null;
}

/** The speed-to-lead hooks, run after scoring in the capture transaction. */
export function firstContactHooks(
  ctx: AppContext,
): Required<Pick<DomainHooks, 'afterLeadCaptured' | 'afterLeadsCaptured'>> {
  return {
    afterLeadCaptured: async (tx, workspaceId, capture) => {
      if (capture.isRoutedByCaller) return;
      await greetNewLeads(ctx, tx, workspaceId, [capture]);
    },
    afterLeadsCaptured: async (tx, workspaceId, captures) => {
      await greetNewLeads(ctx, tx, workspaceId, captures);
    },
  };
}
