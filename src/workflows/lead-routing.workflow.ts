import { isRoutingConfigured, type RouteOutcome, routeLead } from '../modules/routing/index.ts';
import type { Actor, AppContext, DomainHooks } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { noticeAssignment } from './assignment-notices.ts';

// The lead wrote first (the conversation decides) or came in a file import: not routed one by one.
const UNROUTED_SOURCES = new Set(['import']);

/**
 * Routing on capture: a new lead gets its owner in the capture's transaction, after scoring (rules
 * may test score and temperature) and before the first contact (which may speak for the owner).
 */
export function routingHooks(
  ctx: AppContext,
): Required<Pick<DomainHooks, 'afterLeadCaptured' | 'afterLeadsCaptured'>> {
  const route = async (tx: Database, workspaceId: string, captures: RoutableCapture[]) => {
    const toRoute = captures.filter(
      (capture) =>
        capture.isCreated &&
        !capture.isImport &&
        !capture.isRoutedByCaller &&
        !UNROUTED_SOURCES.has(capture.source),
    );
    if (toRoute.length === 0 || !(await isRoutingConfigured(tx, workspaceId))) return;
    for (const capture of toRoute) {
      const outcome = await routeLead(tx, workspaceId, capture.leadId, ctx.clock.now(), {
        ...(capture.formAnswers ? { formAnswers: capture.formAnswers } : {}),
      });
      await noticeAssignment(ctx, tx, { workspaceId, leadId: capture.leadId, ...outcome });
    }
  };
  return {
    afterLeadCaptured: (tx, workspaceId, capture) => route(tx, workspaceId, [capture]),
    // Concurrent API captures are written together (capture-batcher.ts): each new lead is routed too.
    afterLeadsCaptured: (tx, workspaceId, captures) => route(tx, workspaceId, captures),
  };
}

type RoutableCapture = Parameters<DomainHooks['afterLeadCaptured']>[2] & { isImport?: boolean };

/** Routing on demand (`POST /api/v1/leads/:id/route`): the decision, its trace and the notices. */
export async function routeLeadNow(
  ctx: AppContext,
  tx: Database,
  actor: Actor,
  leadId: string,
): Promise<RouteOutcome> {
  const outcome = await routeLead(tx, actor.workspaceId, leadId, ctx.clock.now(), { actor });
  await noticeAssignment(ctx, tx, { workspaceId: actor.workspaceId, leadId, ...outcome });
  return outcome;
}
