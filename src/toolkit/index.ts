export { Asana, applyAsanaAuthSettings, withAsanaAuthSettings } from "./auth-requirement.js";
export type { AsanaAuthSettings, AuthRequirement } from "./auth-requirement.js";
export { arcadeMetadataOf } from "./arcade-metadata.js";
export type { ArcadeToolMetadata } from "./arcade-metadata.js";
export { annotate, defineTool } from "./define-tool.js";
export type {
  AnyToolDefinition,
  AsanaJobSteps,
  JobProgress,
  AsanaErrorHint,
  AsanaErrorHints,
  ErrorHintContext,
  ProgressUpdate,
  ReconcileContext,
  ToolAnnotations,
  ToolContentBlock,
  ToolContext,
  ToolDefinition,
  ToolSpec,
} from "./define-tool.js";
export { addErrorNote, ToolExecutionError, ToolInputError, ToolInputErrors, ToolRetryableError } from "./tool-errors.js";
export { parseToolInput } from "./parse-input.js";
export { allToolsetsName, defaultProfileName, parseToolsetList, selectionKey, selectTools, yesOrNo } from "./select-tools.js";
export type { SelectableTool, ToolSelection, ToolsetInfo } from "./select-tools.js";
export { describeTool } from "./tool-descriptor.js";
export type { ToolDescriptor } from "./tool-descriptor.js";
export { indexToolsByName, mcpToolName, qualifiedToolName, renameToolMentions, toolkitName } from "./tool-names.js";
export { describeToolError } from "./describe-error.js";
export { createCallTracker } from "./call-tracker.js";
export type { CallTracker } from "./call-tracker.js";
export { defaultCallDeadlineMs, invokeTool } from "./invoke-tool.js";
export { jobCheckTool, jobStartTool } from "./job-phases.js";
export type { CheckedJob, StartedJob } from "./job-phases.js";
export type { ToolCall, ToolOutcome, ToolRuntime } from "./invoke-tool.js";
export type { ToolErrorKind, ToolErrorReport } from "./describe-error.js";
export {
  boundedText,
  clearedFields,
  clearParam,
  dateParam,
  gidParam,
  isCalendarDate,
  isGid,
  isUserRef,
  longText,
  nonEmptyText,
  mutationStatus,
  namedRef,
  nextPageOf,
  nextPageShape,
  nextPageTokenParam,
  pagedList,
  pagedListShape,
  pageLimitParam,
} from "./params.js";
export type { NamedRef } from "./params.js";
export { compact, quoted, refOf, refsOf, shortened } from "./present.js";
export { richTextProblem, richTextTagsAllowed } from "./rich-text.js";
export { markdownToRichText } from "./markdown.js";
export type { RichTextTarget } from "./rich-text.js";
export type { AsanaRef } from "./present.js";
export { maxToolCallBytes, maxUploadBytes } from "./limits.js";
export { answerByteLimits } from "./answer-budget.js";
export type { AnswerSpec, RestCall, RestContext } from "./answer-budget.js";
export { resumeToken } from "./resume-token.js";
export { CreateMarker, unknownOutcomeNote } from "./create-marker.js";
export type { MarkerPlace } from "./create-marker.js";
export { idempotencyKeyName, makesNewObjects, withIdempotencyKey } from "./idempotency-key.js";
export { toJsonSchema } from "./json-schema.js";
export { parameterRuleOf, withInstructedNote } from "./parameter-rules.js";
export type { ParameterRule } from "./parameter-rules.js";
export type { JsonSchema } from "./json-schema.js";
export { userParam } from "./params.js";
// Tools that put Asana's own words into a result redact them the same way the error formatter does.
export { redactSecrets } from "../log/index.js";
export { confirmTokenKey } from "./confirm-token.js";
export {
  bulkConfirmThreshold,
  confirmModes,
  confirmTokenLifetimeMs,
  declinedAnswer,
  isWriteTool,
  needsConfirmation,
  withWriteControls,
} from "./write-confirmation.js";
export type { CallConfirmation, ConfirmMode } from "./write-confirmation.js";
export type { PlannedWrite, WritePreview } from "./define-tool.js";
