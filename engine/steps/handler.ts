import type { Definition, StepDefinition } from "../definition/schema";
import type { ExpressionScope } from "../expressions/evaluate";
import type { Sandbox } from "../sandbox/index";
import type { WorkflowResolver } from "../ports/workflow-resolver";
import type { HttpFetch } from "./http/guarded-fetch";
import type { StepSpecs } from "./registry";
import type { StepSpec } from "./spec";

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
  /** The W3C `traceparent` of this attempt's span (engine/runtime/trace-ids.ts), made on call. */
  traceparent(): string;
  scope: ExpressionScope;
  signal: AbortSignal;
  timeoutMs: number | undefined;
  now(): Date;
  sandbox: Sandbox;
  /** The egress-checked http client (`createGuardedFetch`). */
  fetch: HttpFetch;
  resolver: WorkflowResolver;
  /** The engine's step types, for validating a child definition written inline. */
  steps: StepSpecs;
  /**
   * The run team's values of exactly these secret names; a permanent error when one is not set.
   * Only the http step calls it, and it must redact the values from all it returns or throws.
   */
  secrets(names: readonly string[]): Promise<Record<string, string>>;
  /**
   * Passes this attempt through the team's circuit breaker for `target` (the step's own
   * `breaker.key` wins), right before calling it; rejects while the breaker is open, and the step
   * then waits for it instead of failing. What the attempt ends in is counted against the breaker.
   * Absent where a handler is called outside the engine (a handler's own tests).
   */
  breaker?(target: string): Promise<void>;
  /**
   * Keeps what this attempt sent and received for people reading the run (the step row's
   * `detail`), whether the step completes or fails. Small, capped and redacted data only: it is
   * written with the step's next transition.
   */
  recordDetail(detail: Record<string, unknown>): void;
}

/**
 * How the engine runs a step type: the server-side half of its descriptor (`run.ts`), next to the
 * isomorphic `spec.ts`. Never imported by browser code.
 */
export interface StepHandler<Config = unknown> {
  /**
   * Pure: evaluates expressions only, with no side effect and no time worth showing. Runs in the
   * commit that queued it (its `running` is committed with its result) and is not interruptible.
   */
  instant: boolean;
  /** The time limit when the step sets no `timeoutMs`; without either, only cancelling stops it. */
  defaultTimeoutMs?: number;
  /**
   * When the time limit starts. `"call"` (default): when the runtime calls `run`, which it races
   * against the limit. `"start"`: the handler enforces `ctx.timeoutMs` itself, from when its work
   * really starts (a `code` step: when a sandbox worker takes it), so time spent waiting for a
   * shared resource is not counted; the handler must then bound that wait itself.
   */
  timeoutCountsFrom?: "call" | "start";
  /** A property, not a method, so `satisfies` checks `ctx.config` against the spec's config strictly. */
  run: (ctx: StepContext<Config>) => Promise<StepOutcome>;
}

/** Types `run`'s `ctx.config` by the spec's schema. */
export function defineHandler<Config>(_spec: StepSpec<string, Config>, handler: StepHandler<Config>): StepHandler<Config> {
  return handler;
}
