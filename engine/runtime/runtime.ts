import type { StepError } from "../definition/statuses";
import type { ExpressionScope } from "../expressions/evaluate";
import type { RunStore, StoredRun } from "../ports/run-store";
import type { SecretResolver } from "../ports/secret-resolver";
import type { WorkflowResolver } from "../ports/workflow-resolver";
import type { Sandbox } from "../sandbox/index";
import { advance } from "../scheduling/advance";
import { defaultRetryPolicy, retryDelayMs, shouldRetry } from "../scheduling/retry";
import { settleRun } from "../scheduling/settle";
import type { StepOutcome } from "../steps/handler";
import type { HttpFetch } from "../steps/http/guarded-fetch";
import { instantStepTypes } from "../steps/handlers";
import { GroupCommitter } from "./committer";
import { finishRun } from "./finish-run";
import { runHandler, type HandlerResult } from "./run-handler";
import type { Logger } from "./logger";
import { RunContext } from "./run-context";

export interface RuntimeOptions {
  store: RunStore;
  sandbox: Sandbox;
  resolver: WorkflowResolver;
  secrets: SecretResolver;
  fetch: HttpFetch;
  now: () => Date;
  random: () => number;
  logger: Logger;
  maxConcurrentSteps: number;
}

const instantController = { signal: new AbortController().signal, abort() {} } as unknown as AbortController;
const recentlySettledLimit = 1024;

/**
 * The progress loop. Decisions come from `scheduling/` (pure); this class applies them to the run
 * context, lets the group committer make them durable, and only then runs what depends on them.
 */
export class Runtime {
  readonly contexts = new Map<string, RunContext>();
  readonly committer: GroupCommitter;
  private readonly loading = new Map<string, Promise<RunContext | null>>();
  /** Final states of the runs that left memory last, so a caller waiting on one need not read it back. */
  readonly recentlySettled = new Map<string, StoredRun>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly watchers = new Map<string, Set<(context: RunContext) => void>>();
  /** Steps waiting for a global handler slot, once each, in arrival order; each entry tries to start. */
  private readonly waitingForSlot = new Map<string, () => boolean>();
  private activeHandlers = 0;
  private readonly commitFailures = new Map<string, number>();
  private readonly commitListeners = new Set<(runIds: readonly string[]) => void>();
  /** Hook for child runs: called once a run's terminal or failed state is committed. */
  onRunSettled: (context: RunContext) => void = () => {};
  stopped = false;

  constructor(readonly options: RuntimeOptions) {
    this.committer = new GroupCommitter(
      options.store,
      (runs, error) => this.commitFailed(runs, error),
      (runs, withEvents) => {
        runs.forEach((run) => this.committed(run));
        if (withEvents.length > 0) this.notifyCommitted(withEvents);
      },
    );
  }

  /** Called after each commit that made events durable, with the ids of their runs; returns an unsubscribe. */
  onCommitted(listener: (runIds: readonly string[]) => void): () => void {
    this.commitListeners.add(listener);
    return () => void this.commitListeners.delete(listener);
  }

  private notifyCommitted(runIds: readonly string[]): void {
    for (const listener of this.commitListeners) {
      // A listener is someone else's code (an event feed): its failure must not stop the loop.
      try {
        listener(runIds);
      } catch (error) {
        this.options.logger.error("a commit listener failed", error);
      }
    }
  }

  now = (): Date => this.options.now();

  touch(context: RunContext): void {
    this.committer.touch(context);
  }

  isCurrent(context: RunContext): boolean {
    return this.contexts.get(context.id) === context;
  }

  /** The in-memory context of a run, loading it from the store when needed; null when unknown. */
  async load(runId: string): Promise<RunContext | null> {
    const known = this.contexts.get(runId);
    if (known) return known;
    this.recentlySettled.delete(runId); // loaded to change it: the snapshot goes stale
    let pending = this.loading.get(runId);
    if (!pending) {
      pending = this.options.store.loadRun(runId).then((stored) => {
        this.loading.delete(runId);
        if (!stored) return null;
        const existing = this.contexts.get(runId);
        if (existing) return existing;
        const context = new RunContext(stored, this.now);
        this.contexts.set(runId, context);
        return context;
      });
      this.loading.set(runId, pending);
    }
    return pending;
  }

  begin(context: RunContext): void {
    context.moveRun("running", { startedAt: this.now() }, "run.started", { input: context.run.input });
    this.progress(context, context.graph.order);
  }

  /** Queues and skips what follows from `changed`, then checks whether the run is settled. */
  progress(context: RunContext, changed: Iterable<string>): void {
    const decision = advance(context.graph, context.facts, changed);
    for (const stepId of decision.skip) context.moveStep(stepId, "skipped", { finishedAt: this.now() }, "step.skipped");
    for (const stepId of decision.queue) this.queue(context, stepId, context.step(stepId).attempt + 1);
    this.touch(context);
    this.settle(context);
  }

  queue(context: RunContext, stepId: string, attempt: number, payload: Record<string, unknown> = {}): void {
    context.moveStep(stepId, "queued", { attempt, queuedAt: this.now(), wakeAt: null }, "step.queued", { attempt, ...payload });
    this.touch(context);
    // Instant steps are pure (expressions only): they may run before `queued` is durable, in the same
    // commit. A crash before that commit loses nothing observable; recovery re-runs them identically.
    if (instantStepTypes.has(context.stepsById.get(stepId)!.type)) queueMicrotask(() => this.dispatch(context, stepId));
    else this.committer.afterCommit(() => this.dispatch(context, stepId));
  }

  /** Starts a queued step if its run and the engine have a free slot; true when it started. */
  dispatch(context: RunContext, stepId: string): boolean {
    if (this.stopped || !this.isCurrent(context) || context.run.status !== "running") return false;
    const row = context.step(stepId);
    if (row.status !== "queued" || context.inFlight.has(stepId)) return false;
    if (context.inFlight.size >= context.definition.maxParallel) return false; // dispatchQueued picks it up
    if (this.activeHandlers >= this.options.maxConcurrentSteps) {
      this.waitingForSlot.set(`${context.id}/${stepId}`, () => this.dispatch(context, stepId));
      return false;
    }
    this.execute(context, stepId);
    return true;
  }

  /** Hands a freed slot to the first waiter that can use it; waiters that cannot are dropped. */
  private releaseSlot(): void {
    for (const [key, tryStart] of this.waitingForSlot) {
      this.waitingForSlot.delete(key);
      if (tryStart()) return;
    }
  }

  private execute(context: RunContext, stepId: string): void {
    const row = context.moveStep(stepId, "running", { startedAt: this.now(), finishedAt: null }, "step.started", {
      attempt: context.step(stepId).attempt,
      idempotencyKey: `${context.id}:${stepId}:${context.step(stepId).attempt}`,
    });
    // Instant steps finish within microtasks and cannot be interrupted: they share one idle signal.
    const controller = instantStepTypes.has(context.stepsById.get(stepId)!.type) ? instantController : new AbortController();
    context.inFlight.set(stepId, controller);
    this.activeHandlers++;
    this.touch(context);
    const run = (commitError?: unknown) =>
      !commitError &&
      void runHandler(this, context, stepId, row, controller).then((result) => this.handled(context, stepId, row.attempt, result));
    // A side-effecting step starts only once `running` is durable, so a crash shows it in the log.
    if (instantStepTypes.has(context.stepsById.get(stepId)!.type)) run();
    else this.committer.afterCommit(run);
  }

  /** `steps` is built on first read: most noop and switch steps never look at it. */
  scope(context: RunContext, attempt?: number): ExpressionScope {
    let steps: ExpressionScope["steps"] | undefined;
    return {
      input: context.run.input,
      get steps() {
        return (steps ??= context.stepOutputs());
      },
      vars: context.run.vars,
      run: { id: context.id, attempt, startedAt: context.run.startedAt?.toISOString() ?? null },
    };
  }

  private handled(context: RunContext, stepId: string, attempt: number, result: HandlerResult): void {
    this.activeHandlers--;
    context.inFlight.delete(stepId);
    this.releaseSlot();
    // A stopping engine records nothing: the step stays `running` in the database and recovery re-runs it.
    if (this.stopped || !this.isCurrent(context)) return;
    const row = context.step(stepId);
    // A result for a step cancelled or stopped meanwhile is dropped, but the run is touched anyway:
    // its watchers and its eviction wait for the last handler to return.
    if (row.status === "running" && row.attempt === attempt) {
      if ("error" in result) this.failAttempt(context, stepId, result.error);
      else this.apply(context, stepId, result.outcome, result.assigned);
      this.dispatchQueued(context);
    }
    this.touch(context);
  }

  /** Dispatches queued steps that waited for a `maxParallel` slot. */
  dispatchQueued(context: RunContext): void {
    for (const [stepId, row] of context.steps) {
      if (context.inFlight.size >= context.definition.maxParallel) return;
      if (row.status === "queued") this.dispatch(context, stepId);
    }
  }

  private apply(context: RunContext, stepId: string, outcome: StepOutcome, assigned: Record<string, unknown> | null): void {
    switch (outcome.type) {
      case "complete":
        return this.complete(context, stepId, outcome.output, outcome.branch ?? null, assigned);
      case "stop":
        this.complete(context, stepId, outcome.output, null, assigned, false);
        return this.stopEarly(context, outcome.output);
      case "wait": {
        const { reason, wakeAt = null, detail = {} } = outcome;
        context.moveStep(stepId, "waiting", { wakeAt, state: { reason, ...detail } }, "step.waiting", { reason, wakeAt, ...detail });
        if (wakeAt) this.committer.afterCommit(() => this.armTimer(context.id, stepId, wakeAt));
        return this.settle(context);
      }
      case "children":
        return this.startChildren(context, stepId, outcome);
    }
  }

  complete(context: RunContext, stepId: string, output: unknown, branch: string | null, assigned: Record<string, unknown> | null, proceed = true, extra: Record<string, unknown> = {}): void {
    context.moveStep(stepId, "completed", { output, branch, error: null, wakeAt: null, finishedAt: this.now() }, "step.completed", {
      output,
      branch,
      ...(assigned ? { vars: assigned } : {}),
      ...extra,
    });
    if (assigned) context.patchRun({ vars: { ...context.run.vars, ...assigned } });
    if (proceed) this.progress(context, [stepId]);
  }

  failAttempt(context: RunContext, stepId: string, error: StepError): void {
    const row = context.step(stepId);
    const policy = { ...defaultRetryPolicy, ...context.stepsById.get(stepId)!.retry };
    const attemptsUsed = row.attempt - row.retryFrom;
    if (shouldRetry(policy, error, attemptsUsed)) {
      const delayMs = retryDelayMs(policy, attemptsUsed, this.options.random);
      const wakeAt = new Date(this.now().getTime() + delayMs);
      context.moveStep(stepId, "retrying", { error, wakeAt }, "step.retrying", { attempt: row.attempt, error, wakeAt, delayMs, maxAttempts: policy.maxAttempts });
      this.committer.afterCommit(() => this.armTimer(context.id, stepId, wakeAt));
    } else {
      context.moveStep(stepId, "failed", { error, finishedAt: this.now() }, "step.failed", { attempt: row.attempt, error });
    }
    this.settle(context);
  }

  /** Ends the run early as completed: steps not started are skipped, the rest cancelled. */
  private stopEarly(context: RunContext, output: unknown): void {
    for (const [stepId, row] of context.steps) {
      if (row.status === "pending" || row.status === "queued") context.moveStep(stepId, "skipped", { finishedAt: this.now() }, "step.skipped", { reason: "run stopped" });
      else if (["running", "retrying", "waiting"].includes(row.status)) this.cancelStepInternal(context, stepId, { reason: "run stopped" });
    }
    context.moveRun("completed", { output, finishedAt: this.now() }, "run.completed", { output });
    this.touch(context);
  }

  cancelStepInternal(context: RunContext, stepId: string, payload: Record<string, unknown>): void {
    context.inFlight.get(stepId)?.abort(new (class extends Error { name = "AbortError"; })("cancelled"));
    this.clearTimer(context.id, stepId);
    context.moveStep(stepId, "cancelled", { wakeAt: null, finishedAt: this.now(), error: { kind: "cancelled", message: String(payload.reason ?? "cancelled") } }, "step.cancelled", payload);
    this.cancelChildrenOf(context, stepId, payload);
  }

  settle(context: RunContext): void {
    if (context.run.status !== "running" || context.finishing) return;
    const settlement = settleRun(context.steps);
    if (settlement.kind === "failed") {
      const first = settlement.failedSteps[0];
      const error: StepError = first
        ? { kind: context.step(first).error?.kind ?? "permanent", message: `step "${first}" failed: ${context.step(first).error?.message ?? "unknown error"}` }
        : { kind: "permanent", message: "no step can progress" };
      context.moveRun("failed", { error, finishedAt: this.now() }, "run.failed", { error, failedSteps: settlement.failedSteps });
      this.touch(context);
    } else if (settlement.kind === "completed") {
      context.finishing = true;
      void finishRun(this, context);
    }
  }

  armTimer(runId: string, stepId: string, wakeAt: Date): void {
    if (this.stopped) return;
    this.clearTimer(runId, stepId);
    const delay = Math.max(0, wakeAt.getTime() - this.now().getTime());
    const timer = setTimeout(() => {
      this.timers.delete(`${runId}/${stepId}`);
      if (delay > 2 ** 31 - 1) return this.armTimer(runId, stepId, wakeAt); // setTimeout overflows past ~24.8 days
      void this.load(runId).then((context) => context && this.wake(context, stepId));
    }, Math.min(delay, 2 ** 31 - 1));
    this.timers.set(`${runId}/${stepId}`, timer);
  }

  clearTimer(runId: string, stepId: string): void {
    clearTimeout(this.timers.get(`${runId}/${stepId}`));
    this.timers.delete(`${runId}/${stepId}`);
  }

  private wake(context: RunContext, stepId: string): void {
    const row = context.step(stepId);
    if (context.run.status !== "running") return;
    if (row.status === "retrying") this.queue(context, stepId, row.attempt + 1);
    else if (row.status === "waiting" && (row.state as { reason?: string } | null)?.reason === "delay")
      this.complete(context, stepId, { waitedUntil: row.wakeAt?.toISOString() ?? null }, null, null);
    this.touch(context);
  }

  // Child runs are wired in by children.ts; kept as overridable members so this file stays readable.
  startChildren: (context: RunContext, stepId: string, outcome: Extract<StepOutcome, { type: "children" }>) => void = () => {
    throw new Error("children support not installed");
  };
  cancelChildrenOf: (context: RunContext, stepId: string, payload: Record<string, unknown>) => void = () => {};

  watch(runId: string, listener: (context: RunContext) => void): () => void {
    let set = this.watchers.get(runId);
    if (!set) this.watchers.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0) this.watchers.delete(runId);
    };
  }

  private committed(context: RunContext): void {
    this.commitFailures.delete(context.id);
    for (const listener of this.watchers.get(context.id) ?? []) listener(context);
    const status = context.run.status;
    const settled = status === "completed" || status === "cancelled" || status === "failed";
    if (settled && !context.hasUncommitted() && context.inFlight.size === 0 && !context.finishing && this.isCurrent(context)) {
      this.contexts.delete(context.id); // the database has it all; operators reload it on demand
      this.recentlySettled.set(context.id, context.snapshot());
      if (this.recentlySettled.size > recentlySettledLimit) this.recentlySettled.delete(this.recentlySettled.keys().next().value!);
      this.onRunSettled(context);
    }
  }

  private commitFailed(runs: RunContext[], error: unknown): void {
    this.options.logger.error(`commit of ${runs.length} run(s) failed; reloading them from the database`, error);
    for (const run of runs) {
      for (const controller of run.inFlight.values()) controller.abort(new Error("run reloaded after a failed commit"));
      this.contexts.delete(run.id);
      // A failure that repeats (a full disk, a constraint) is retried ever more slowly, not in a tight loop.
      const failures = (this.commitFailures.get(run.id) ?? 0) + 1;
      this.commitFailures.set(run.id, failures);
      setTimeout(() => void this.recoverRun(run.id), Math.min(100 * 2 ** (failures - 1), 60_000));
    }
  }

  recoverRun: (runId: string) => Promise<void> = async () => {};

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const context of this.contexts.values()) for (const controller of context.inFlight.values()) controller.abort(new Error("engine stopping"));
    await this.committer.drain();
  }
}
