import { isRoutingConfigured, routeLead } from '../modules/routing/index.ts';
import type { AppContext, DomainHooks } from '../platform/context.ts';

// The lead wrote first (the conversation decides) or came in a file import: not routed one by one.
const UNROUTED_SOURCES = new Set(['import']);

/**
 * Routing on capture: a new lead gets its owner in the capture's transaction, after scoring (rules
 * may test score and temperature) and before the first contact (which may speak for the owner).
 */
export function routingHooks(ctx: AppContext): Pick<DomainHooks, 'afterLeadCaptured'> {
  return {
    afterLeadCaptured: async (tx, workspaceId, capture) => {
      if (!capture.isCreated || UNROUTED_SOURCES.has(capture.source)) return;
      if (!(await isRoutingConfigured(tx, workspaceId))) return;
      await routeLead(tx, workspaceId, capture.leadId, ctx.clock.now());
    },
  };
}
