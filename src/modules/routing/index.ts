/** Lead routing: teams, ordered rules, weighted round-robin, stickiness, fallback, and the trace. */

export { foldText, readNumber } from './condition-values.rules.ts';
export {
  type CapacityLimit,
  type ClockInterval,
  capacityPeriodStart,
  DEFAULT_ZONE,
  decideEligibility,
  type Eligibility,
  type EligibilityInput,
  isOutOfOffice,
  isWithinWorkingHours,
  type SkipReason,
  WEEKDAY_KEYS,
  type WeekdayKey,
  type WorkingHours,
} from './eligibility.rules.ts';
export { FAIRNESS_WINDOW, windowBounds } from './fair-window.rules.ts';
export {
  type ChooseTeamMemberInput,
  chooseTeamMember,
  emptyRoundRobinState,
  type MemberEligibility,
  parseRoundRobinState,
  type RoundRobinState,
  type TeamMember,
  type TeamMemberChoice,
} from './round-robin.rules.ts';
export {
  decideRoute,
  type FallThrough,
  type RouteDecision,
  type RouteInput,
  type RoutingTeam,
  type RoutingTrace,
  type SkippedRep,
} from './route-lead.rules.ts';
// Persistence and HTTP.
export { routingRoutes } from './routing.routes.ts';
export {
  isRoutingConfigured,
  type RouteOutcome,
  routeLead,
  TEAM_PAGE_RULE_ID,
} from './routing.service.ts';
export { leadAssignments, routingRules, teams } from './routing.tables.ts';
export { type ConditionResult, evaluateRoutingCondition } from './routing-condition.rules.ts';
export {
  COUNTRY_REGIONS,
  emailDomainOf,
  factAt,
  type Region,
  type RoutableLead,
  type RoutingFacts,
  regionOf,
  routingFactsOf,
} from './routing-facts.rules.ts';
export {
  deleteAssignmentsForLeads,
  deleteTeamMembershipsForUsers,
  findTeamBySlug,
  listLeadAssignments,
} from './routing-records.service.ts';
export {
  CONDITION_OPS,
  type ConditionOp,
  type ConditionScalar,
  type FieldCondition,
  formatIssuePath,
  type InputError,
  isRoutingField,
  MAX_WEIGHT,
  MIN_WEIGHT,
  parseRoutingRule,
  parseTeam,
  ROUTING_FIELDS,
  type RoutingCondition,
  type RoutingField,
  type RoutingRule,
  type RoutingRuleInput,
  type RoutingTarget,
  type TeamInput,
  ZRoutingCondition,
  ZRoutingRuleInput,
  ZRoutingTarget,
  ZTeamInput,
  ZTeamMemberInput,
} from './routing-rule.schemas.ts';
export { compileSafePattern, MAX_MATCHED_TEXT, MAX_PATTERN_LENGTH } from './safe-pattern.rules.ts';
export {
  findStickyOwner,
  isFreeMailDomain,
  normalizeDomain,
  type StickinessInput,
  type StickyOwner,
  type StickyReason,
} from './stickiness.rules.ts';
