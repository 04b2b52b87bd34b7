import {
  type Channel,
  type ChannelKind,
  createConversationChannels,
  createLlmClient,
  type LlmClient,
  type SlotProvider,
} from '../modules/conversations/index.ts';
import type { AppContext } from '../platform/context.ts';
import { ownerCalendarSlotsWith } from './agent-booking.ts';

/** What the conversation workflows need beyond the platform: channel drivers, optional LLM, slots. */
export interface ConversationRuntime {
  channels: Partial<Record<ChannelKind, Channel>>;
  llm: LlmClient | null;
  slots: SlotProvider;
}

const runtimes = new WeakMap<AppContext, ConversationRuntime>();

/** The runtime of this context, built from its config on first use (SMTP_URL, CHAUD_LLM_*). */
export function conversationRuntime(ctx: AppContext): ConversationRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = {
      channels: createConversationChannels(ctx.db, ctx.config),
      llm: createLlmClient(ctx.config.env),
      slots: ownerCalendarSlotsWith(ctx),
    };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}

/** Tests and embedders replace parts of the runtime (an LLM on loopback, a booking module's slots). */
export function overrideConversationRuntime(ctx: AppContext, changes: Partial<ConversationRuntime>): void {
  runtimes.set(ctx, { ...conversationRuntime(ctx), ...changes });
}
