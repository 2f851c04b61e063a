// The only entry the server and the CLI import: the engine, its ports and the definition contract.
export { createEngine, type Engine, type EngineOptions, type StartRunRequest } from "./runtime/engine.js";
export type { Actor } from "./runtime/operator-actions.js";
export { stderrLogger, silentLogger, type Logger } from "./runtime/logger.js";
export { EngineActionError } from "./errors-api.js";
export { classifyError, PermanentError, TransientError, TimeoutError, CancelledError, StepFailure } from "./errors.js";
export type { RunStore, RunRow, StepRunRow, RunMutation, StoredRun } from "./ports/run-store.js";
export type { WorkflowResolver, ResolvedWorkflow } from "./ports/workflow-resolver.js";
export { createSandbox, type Sandbox } from "./sandbox/index.js";
export * from "./definition/index.js";
