/** The qualification agent's dialogue policy over BANT slots (pure: no database, no I/O). */
export {
  type AgentChannel,
  type AgentChoice,
  type AgentDecision,
  type AgentLanguage,
  type AgentLead,
  type AgentPhase,
  type AgentReply,
  type AgentSettings,
  type AgentState,
  type BantUpdate,
  DEFAULT_AGENT_SETTINGS,
  type FaqEntry,
  type HandoffReason,
  type KnownBant,
  type KnownValue,
  type Temperature,
  type TurnEvent,
  type TurnInterpretation,
  type Verdict,
} from './agent.types.ts';
export { formatMoney, formatSlotLong, formatSlotTitle, summarizeBant } from './agent-format.ts';
export { type InterpretTurnInput, interpretTurn } from './agent-interpret.rules.ts';
export {
  composeFirstContact,
  composeFollowUp,
  composeHandoffNotice,
  composeOptOutConfirmation,
  type FirstContact,
  type FirstContactInput,
  type FollowUpInput,
  recordFirstContact,
  recordFollowUp,
} from './agent-outreach.rules.ts';
export {
  ANSWERED_CONFIDENCE,
  type ComposeReplyInput,
  composeReply,
  MAX_ASKS_PER_FIELD,
  MAX_OFFERED_SLOTS,
  nextQuestion,
  QUESTION_ORDER,
} from './agent-policy.rules.ts';
export { MAX_BUTTON_TITLE, MAX_CHOICES, MAX_LIST_TITLE } from './agent-reply.rules.ts';
export { parseAgentSettings } from './agent-settings.rules.ts';
export { initialAgentState, parseAgentState } from './agent-state.rules.ts';
export { decideVerdict, type VerdictInput, WARM_MAX_TIMELINE_MONTHS } from './agent-verdict.rules.ts';
export { SLOT_CHOICE_PREFIX, slotChoiceId } from './slot-choice.rules.ts';
