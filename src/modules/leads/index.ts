/** Lead record, identities, dedup, merge proposals and the append-only event log. */

export { ingestEvents, MAX_EVENTS_PER_BATCH, ZEventInput } from './event-ingestion.service.ts';
export { isPricingUrl, isPublicEventType, PUBLIC_EVENT_TYPES } from './event-types.rules.ts';
export { appendEvents, type EventDto, listLeadEvents, type NewEvent, toEventDto } from './events.service.ts';
export { normalizeEmail, normalizePhone } from './identity.rules.ts';
/** Bulk upsert for import batches (new people and plain matches); the rest goes through upsertLeadByIdentity. */
export { upsertLeadsInBulk } from './lead-bulk-capture.service.ts';
export {
  type CaptureLeadCommand,
  type CaptureLeadResult,
  upsertLeadByIdentity,
} from './lead-capture.service.ts';
export {
  applyLeadScores,
  applyLeadTemperatures,
  type LeadScoreUpdate,
  updateLeadScoresFromSql,
} from './lead-scores.service.ts';
export {
  applyLeadEvent,
  assignLeadOwner,
  changeLeadStage,
  leadStateColumns,
  updateLeadFields,
} from './lead-update.service.ts';
export { leadErrors } from './leads.errors.ts';
export { type LeadRow, stateOfRow, toLeadDto } from './leads.mapper.ts';
export { leadsRoutes } from './leads.routes.ts';
export {
  LEAD_SORTS,
  type LeadDto,
  type LeadFieldsInput,
  type LeadFilters,
  LIFECYCLE_STAGES,
  TEMPERATURES,
  ZLead,
  ZLeadFieldsInput,
  ZLeadFilters,
  ZTouchInput,
  ZUtm,
} from './leads.schemas.ts';
export {
  countLeads,
  findMergedLeadIds,
  findVisibleLead,
  getLead,
  leadFilterConditions,
  listLeads,
  TOTAL_COUNT_CAP,
  visibleLeadsCondition,
} from './leads.service.ts';
export {
  events,
  leadIdentities,
  leads,
  mergeProposals,
  savedViews,
  type TouchPoint,
} from './leads.tables.ts';
export {
  acceptMergeProposal,
  appendLeadHistory,
  deleteLeadsWithHistory,
  listMergeProposals,
  recomputeLeadState,
  rejectMergeProposal,
  repairLeadState,
} from './merge.service.ts';
