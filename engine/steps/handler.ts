import type { Definition, StepDefinition } from "../definition/schema";
import type { ExpressionScope } from "../expressions/evaluate";
import type { Sandbox } from "../sandbox/index";
import type { WorkflowResolver } from "../ports/workflow-resolver";
import type { HttpFetch } from "./http/guarded-fetch";

/** A child run a step asks the runtime to create (sub-workflow and map steps). */
export interface ChildRunRequest {
  definition: Definition;
  input: unknown;
  workflowId: string | null;
  workflowVersionId: string | null;
}

/** What a handler decided; the runtime turns it into transitions (an op code, not an action). */
export type StepOutcome =
  | { type: "complete"; output: unknown; branch?: string }
  | { type: "stop"; output: unknown }
  | { type: "wait"; reason: "delay" | "approval"; wakeAt?: Date; detail?: Record<string, unknown> }
  | { type: "children"; children: ChildRunRequest[]; maxConcurrency: number; collect: "single" | "array" };

export interface StepContext<Config = Record<string, unknown>> {
  runId: string;
  teamId: string | null;
  step: StepDefinition;
  config: Config;
  attempt: number;
  /** Stable across re-runs of the same attempt after a crash: `runId:stepId:attempt`. */
  idempotencyKey: string;
  scope: ExpressionScope;
  signal: AbortSignal;
  timeoutMs: number | undefined;
  now(): Date;
  sandbox: Sandbox;
  /** The egress-checked http client (`createGuardedFetch`). */
  fetch: HttpFetch;
  resolver: WorkflowResolver;
  /**
   * The run team's values of exactly these secret names; a permanent error when one is not set.
   * Only the http step calls it, and it must redact the values from all it returns or throws.
   */
  secrets(names: readonly string[]): Promise<Record<string, string>>;
}

export type StepHandler<Config = Record<string, unknown>> = (ctx: StepContext<Config>) => Promise<StepOutcome>;
