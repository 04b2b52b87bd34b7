/** Grid scoring (fit + engagement, decay, caps, explanations) and the predictive model. */
export { defaultGridRules } from './grid/default-grid.ts';
export {
  type CompiledGrid,
  type Contribution,
  compileGrid,
  DAY_MS,
  type EventFact,
  type GridScore,
  type LeadFacts,
} from './grid/grid.engine.ts';
export {
  type EngagementRule,
  type FitRule,
  type IdealCustomerProfile,
  type ScoringRule,
  type ScoringSettings,
  ZScoringRule,
  ZScoringSettings,
} from './grid/grid.schemas.ts';
export { compileGridSql, type GridSqlOptions, type GridSqlScope } from './grid/grid.sql.ts';
export {
  decideTemperature,
  type QualificationSignals,
  type Temperature,
  type TemperatureDecision,
} from './grid/temperature.rules.ts';
export {
  countScorableLeads,
  editGrid,
  type GridPreview,
  type GridProposal,
  getLeadScore,
  type LeadScoreDto,
  previewGrid,
  withAddedRule,
  withoutRule,
  withPatchedRule,
} from './grid-editing.service.ts';
export * from './predictive/index.ts';
export { predictiveRoutes } from './predictive.routes.ts';
export {
  type CsvTrainingInput,
  MIN_LABELLED_LEADS,
  MIN_LEADS_PER_OUTCOME,
  type ModelDto,
  SYNC_TRAINING_MAX_LEADS,
  type TrainingResult,
  trainWorkspaceModel,
  trainWorkspaceModelFromCsv,
} from './predictive.service.ts';
/** The workspace model: features known at arrival, training, predictions per lead, freezing into the grid. */
export { EVENT_WINDOW_DAYS } from './predictive-features.rules.ts';
export {
  type FreezePlan,
  getActiveModel,
  getLeadPrediction,
  getModelGridPoints,
  type LeadPredictionDto,
  planModelFreeze,
} from './predictive-reads.service.ts';
export { scoringRoutes } from './scoring.routes.ts';
export {
  compiledGridFor,
  defaultGrid,
  deleteScoresForLeads,
  eventTypesRead,
  type GridDocument,
  type LeadScoreOutcome,
  loadEventFacts,
  loadGrid,
  loadGridCached,
  rescoreLeads,
  saveGrid,
  toLeadFacts,
  validateGrid,
} from './scoring.service.ts';
export {
  leadPredictions,
  type PredictionFactor,
  predictiveModels,
  type ScoreCause,
  scoreChanges,
  scoringGrids,
} from './scoring.tables.ts';
export {
  type RescoredLead,
  rescoreWorkspace,
  type WorkspaceRescoreOptions,
  type WorkspaceRescoreResult,
} from './workspace-rescore.service.ts';
