import { ValidationError, type ValidationIssue } from "../../../engine/definition/index";
import { EngineActionError, type Actor, type Engine } from "../../../engine/index";

/** An operator action on a run, as data: what a server that does not own the run asks of the engine that does. */
export type RunCommand =
  | { action: "retryStep"; runId: string; stepId: string; actor: Actor }
  | { action: "resolveStep"; runId: string; stepId: string; resolution: { output: unknown; branch?: string }; actor: Actor }
  | { action: "approveStep"; runId: string; stepId: string; decision: { output?: unknown; comment?: string }; actor: Actor }
  | { action: "rejectStep"; runId: string; stepId: string; decision: { comment?: string }; actor: Actor }
  | { action: "cancelRun"; runId: string; actor: Actor }
  | { action: "cancelStep"; runId: string; stepId: string; actor: Actor }
  | { action: "redriveRun"; runId: string; target: { definition: unknown; workflowVersionId: string | null }; actor: Actor }
  /** Of no run: any engine applies it (`runId` is null). */
  | { action: "resetBreaker"; runId: null; teamId: string | null; key: string };

export type RunCommandAction = RunCommand["action"];


/** What became of a command, as stored: the action's result, or the refusal the caller gets as if it had acted itself. */
export type RunCommandOutcome =
  | { ok: true; result: unknown }
  | { ok: false; code: EngineActionError["code"]; message: string }
  | { ok: false; code: "INVALID"; message: string; issues: ValidationIssue[] }
  | { ok: false; code: "INTERNAL"; message: string };

/** Applies a command through an engine that owns (or has just claimed) the run's tree. */
export async function applyRunCommand(engine: Engine, command: RunCommand): Promise<unknown> {
  switch (command.action) {
    case "retryStep":
      return engine.retryStep(command.runId, command.stepId, command.actor);
    case "resolveStep":
      return engine.resolveStep(command.runId, command.stepId, command.resolution, command.actor);
    case "approveStep":
      return engine.approveStep(command.runId, command.stepId, command.decision, command.actor);
    case "rejectStep":
      return engine.rejectStep(command.runId, command.stepId, command.decision, command.actor);
    case "cancelRun":
      return engine.cancelRun(command.runId, command.actor);
    case "cancelStep":
      return engine.cancelStep(command.runId, command.stepId, command.actor);
    case "redriveRun":
      return engine.redriveRun(command.runId, command.target, command.actor);
    case "resetBreaker":
      return engine.resetBreaker(command.teamId, command.key);
  }
}

/** The outcome to store for what applying a command threw: refusals keep their code, anything else is internal. */
export function failedOutcome(error: unknown): RunCommandOutcome {
  if (error instanceof EngineActionError) return { ok: false, code: error.code, message: error.message };
  if (error instanceof ValidationError) return { ok: false, code: "INVALID", message: error.message, issues: error.issues };
  return { ok: false, code: "INTERNAL", message: "the engine owning the run could not apply the action; see its log" };
}

/** The result of an applied command, or the error the caller would have got acting on the run itself. */
export function settleOutcome(outcome: RunCommandOutcome): unknown {
  if (outcome.ok) return outcome.result;
  if (outcome.code === "INVALID") {
    const error = new ValidationError(outcome.issues);
    error.message = outcome.message;
    throw error;
  }
  if (outcome.code === "INTERNAL") throw new Error(outcome.message);
  throw new EngineActionError(outcome.code, outcome.message);
}
