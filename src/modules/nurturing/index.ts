/** Nurture sequences: definitions, schedules in the lead's time zone, branch conditions and templates. */

// Evaluates a branch condition against the lead's facts; resolves branch targets to step indexes.
export {
  type BantFieldName,
  type ConditionFacts,
  evaluateCondition,
  nextStepIndex,
  resolveStepTarget,
} from './branch-condition.rules.ts';
// The condition language: one test per object, combined with all/any/not.
export {
  CONDITION_KINDS,
  CONDITION_LEAD_FIELDS,
  type Condition,
  ZCondition,
} from './branch-condition.schemas.ts';
// The sequences and templates a new workspace starts with.
export { DEFAULT_SEQUENCES, type DefaultSequence } from './default-sequences.ts';
export { DEFAULT_TEMPLATES } from './default-templates.ts';
// Path-named errors (`steps[3].duration: invalid duration "3 jours"`).
export { type DefinitionError, formatDefinitionErrors, formatPath } from './definition-errors.rules.ts';
// Persistence and HTTP (tables, versions, enrolments, templates, settings).
export {
  deleteEnrollmentsForLeads,
  type EnrollmentDto,
  type EnrollmentRow,
  findActiveEnrollment,
  findEnrollment,
  getEnrollmentDto,
  getSequenceStats,
  insertEnrollment,
  lockActiveEnrollmentsOfLead,
  lockEnrollment,
  moveEnrollment,
  recordStep,
} from './enrollments.service.ts';
// ISO-8601 durations and calendar-correct addition (P1D keeps the local time across DST).
export {
  addDuration,
  durationMs,
  MAX_DURATION_MS,
  parseIsoDuration,
  toDuration,
} from './iso-duration.rules.ts';
// Message templates (FR + EN, email or WhatsApp) and their validation.
export {
  FUNNEL_STAGES,
  type LocalizedText,
  type MessageTemplate,
  parseMessageTemplate,
  TEMPLATE_LANGUAGES,
  type TemplateLanguage,
  ZMessageTemplate,
} from './message-template.schemas.ts';
export { nurturingErrors } from './nurturing.errors.ts';
export { enrollments, sequences } from './nurturing.tables.ts';
export {
  countSequenceSendsSince,
  loadNurturingSettings,
  type NurturingSettings,
  saveNurturingSettings,
  startOfLocalDay,
} from './nurturing-settings.service.ts';
// Send windows, daily caps and when a wait step ends.
export {
  addBusinessDays,
  DEFAULT_SEND_WINDOW,
  isInsideWindow,
  isUnderDailyCap,
  nextLocalTime,
  nextSendTime,
  plannedSendTime,
  type SendWindow,
  startOfNextLocalDay,
  WEEKDAYS,
  type Weekday,
  waitUntil,
} from './send-window.rules.ts';
// The definition format: schemas, the parser with path-named errors, defaults.
export {
  type BranchStep,
  type ExitStep,
  type NotifyStep,
  type ParseDefinitionOptions,
  type ParseDefinitionResult,
  parseSequenceDefinition,
  type SendStep,
  type SequenceDefinition,
  type SequenceDefinitionInput,
  type SequenceStep,
  type StepTarget,
  sendWindowOf,
  UPDATABLE_LEAD_FIELDS,
  type UpdateStep,
  type WaitStep,
  ZSendWindow,
  ZSequenceDefinition,
  ZStep,
} from './sequence-definition.schemas.ts';
// What enrols a lead, and the goals that end an enrolment.
export {
  DEFAULT_GOALS,
  goalsOf,
  type SequenceGoal,
  type SequenceTrigger,
  SIMPLE_GOALS,
  ZGoal,
  ZTrigger,
} from './sequence-trigger.schemas.ts';
export { sequencesRoutes } from './sequences.routes.ts';
export {
  createSequence,
  ensureDefaultSequences,
  getSequence,
  listSequences,
  listTriggeredSequences,
  loadSequenceVersion,
  type SequenceRow,
  updateSequence,
} from './sequences.service.ts';
// Token rendering as plain text, with fallbacks and the list of missing values.
export {
  findTokenProblems,
  KNOWN_TOKENS,
  listTokens,
  type RenderedMessage,
  renderTemplate,
  renderText,
  type TemplateContext,
  templateLanguage,
} from './template-render.rules.ts';
export { nurturingSettingsRoutes, templatesRoutes } from './templates.routes.ts';
export { findTemplate, listTemplates } from './templates.service.ts';
// The lead's zone, else the workspace's, else Europe/Paris.
export { DEFAULT_ZONE, resolveZone } from './time-zone.rules.ts';
