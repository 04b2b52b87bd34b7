/** BANT values, the lead → prospect checklist, temperature and lifecycle stage decisions. */
export {
  bantSignals,
  CONFIRMED_CONFIDENCE,
  foldText,
  HORIZON_MONTHS,
  matchNeedCategory,
  timelineMonths,
} from './bant.rules.ts';
export {
  type Authority,
  type BantEntry,
  type BantValueByField,
  type Budget,
  type CurrentBant,
  type Need,
  type Timeline,
  ZAuthority,
  ZBudget,
  ZNeedInput,
  ZTimeline,
} from './bant.schemas.ts';
export {
  deleteBantValuesForLeads,
  getBant,
  loadCurrentBant,
  type RecordBantCommand,
  recordBantHistory,
  recordBantValue,
  recordBantValues,
  withRecordedValues,
} from './bant.service.ts';
export {
  type Checklist,
  type ChecklistBox,
  evaluateChecklist,
  INTENT_EVENT_TYPES,
  SQL_CHECKLIST_MIN,
} from './checklist.rules.ts';
export {
  decideAutomaticSteps,
  isBackwardMove,
  type LifecycleStage,
  type StageStep,
} from './lifecycle.rules.ts';
export { confirmSql, moveLeadStage } from './lifecycle.service.ts';
export { qualificationRoutes } from './qualification.routes.ts';
export {
  getLeadChecklist,
  type KnownForReassessment,
  type QualificationChange,
  type Reassessment,
  reassessLeads,
} from './qualification.service.ts';
export {
  BANT_FIELDS,
  BANT_SOURCES,
  type BantField,
  type BantSource,
  bantValues,
  type NeedCategory,
  qualificationSettings,
} from './qualification.tables.ts';
export {
  loadQualificationSettings,
  loadQualificationSettingsCached,
  type QualificationSettings,
  saveQualificationSettings,
} from './qualification-settings.service.ts';
