// The only entry the server and the CLI import: the engine, its ports and the definition contract.
export { createEngine, type Engine, type EngineOptions, type PreparedDefinition, type StartRunRequest } from "./runtime/engine";
export type { Actor, RedriveResult } from "./runtime/operator-actions";
export type { RecoveryOptions, RecoveryProgress } from "./runtime/recovery";
export type { ShutdownReport } from "./runtime/shutdown";
export { stderrLogger, silentLogger, type Logger } from "./runtime/logger";
export { EngineActionError } from "./errors-api";
/** A new run id, for callers that must know it before `startRun` (`StartRunRequest.runId`). */
export { uuidV7 as newRunId } from "./runtime/ids";
export { classifyError, PermanentError, TransientError, TimeoutError, CancelledError, StepFailure } from "./errors";
export type { RunStore, RunRow, StepRunRow, RunMutation, StoredRun, StartRecord, StepCacheEntry, StepCacheKey, StepCacheScope, PinnedOutputs, PreviousVersion } from "./ports/run-store";
export type { WorkflowResolver, ResolvedWorkflow } from "./ports/workflow-resolver";
export { LeaseLostError, parkedOwner, type CommitFence, type LeaseHolder, type LeaseStore, type RunOwner } from "./ports/leases";
export type { RunOwnership } from "./runtime/ownership";
/** This machine as engine leases record it (`engine_leases.host`). */
export { hostIdentity } from "./runtime/host-identity";
export type { StopOptions } from "./runtime/runtime";
export type { SecretResolver } from "./ports/secret-resolver";
export type { EngineObserver, WorkflowName, AttemptOutcome, AttemptRecord, RunRecord } from "./ports/engine-observer";
export { traceIdOf, traceIdOfRun, callerSpanIdOf, runSpanIdOf, attemptSpanIdOf, parseTraceparent } from "./runtime/trace-ids";
export { createSandbox, type Sandbox } from "./sandbox/index";
export { evaluateExpression, renderTemplate, type ExpressionScope } from "./expressions/evaluate";
export { parseEgressAllowList, type EgressPolicy } from "./steps/http/egress-policy";
export { createGuardedFetch, type HttpFetch } from "./steps/http/guarded-fetch";
export { StepRegistry, builtInStepRegistry } from "./steps/step-registry";
export { defineHandler, type StepHandler, type StepContext, type StepOutcome } from "./steps/handler";
export * from "./definition/index";
