import {
  findConversation,
  initialAgentState,
  loadAgentSettings,
  openConversation,
  recordInboundMessage,
  toConversationDto,
  toMessageDto,
} from '../modules/conversations/index.ts';
import { findVisibleLead } from '../modules/leads/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { runAgentTurn } from './agent-turn.workflow.ts';

/**
 * The sandbox: someone plays the lead, so the agent can be tried without a WhatsApp number. The
 * message is stored like an inbound WhatsApp message and the turn runs at once, so the response
 * carries the agent's replies (also readable through the conversation API).
 */
export async function playSandboxMessage(
  ctx: AppContext,
  actor: Actor,
  leadId: string,
  input: { text?: string | undefined; choiceId?: string | undefined },
) {
  const lead = await findVisibleLead(ctx.db, actor, leadId);
  const settings = await loadAgentSettings(ctx.db, actor.workspaceId);
  const language = lead.language?.toLowerCase().startsWith('en')
    ? 'en'
    : lead.language?.toLowerCase().startsWith('fr')
      ? 'fr'
      : settings.defaultLanguage;
  const message = await ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const now = ctx.clock.now();
    const conversation = await openConversation(tx, {
      workspaceId: actor.workspaceId,
      leadId: lead.id,
      channel: 'sandbox',
      contactAddress: lead.id,
      language,
      agentState: initialAgentState(language) as unknown as Record<string, unknown>,
      now,
    });
    const recorded = await recordInboundMessage(tx, {
      conversation,
      kind: input.choiceId ? 'button_reply' : 'text',
      body: input.text?.trim() ? input.text : null,
      payload: input.choiceId ? { choiceId: input.choiceId } : {},
      providerMessageId: null,
      sentAt: now,
      now,
    });
    return recorded.message;
  });
  const turn = await runAgentTurn(ctx, message.id);
  const conversation = await findConversation(ctx.db, actor.workspaceId, message.conversationId);
  return {
    conversation: toConversationDto(conversation!),
    message: toMessageDto(message),
    replies: turn.replies.map(toMessageDto),
  };
}
