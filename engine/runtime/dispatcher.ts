import type { GroupCommitter } from "./committer";
import { HandlerSlots } from "./handler-slots";
import type { LiveRuns } from "./live-runs";
import type { RunContext } from "./run-context";
import { runHandler, type HandlerEnvironment, type HandlerResult } from "./run-handler";

const instantController = { signal: new AbortController().signal, abort() {} } as unknown as AbortController;

/**
 * Queues steps and runs their handlers, within each run's `maxParallel` and the engine-wide
 * `maxConcurrentSteps`. A handler's result goes to `onResult` only while its attempt is still the
 * step's running one; a result for a step cancelled meanwhile is dropped.
 */
export class StepDispatcher {
  private readonly slots: HandlerSlots;
  private stopped = false;
  /** A graceful stop: handlers running finish and are recorded, none starts. */
  private draining = false;

  constructor(
    private readonly environment: HandlerEnvironment,
    maxConcurrentSteps: number,
    private readonly runs: LiveRuns,
    private readonly committer: GroupCommitter,
    private readonly onResult: (context: RunContext, stepId: string, result: HandlerResult) => void,
  ) {
    this.slots = new HandlerSlots(maxConcurrentSteps);
  }

  queue(context: RunContext, stepId: string, attempt: number, payload: Record<string, unknown> = {}): void {
    context.moveStep(stepId, "queued", { attempt, interruptions: 0, queuedAt: this.environment.now(), wakeAt: null }, "step.queued", { attempt, ...payload });
    this.committer.touch(context);
    // Instant steps are pure (expressions only): they may run before `queued` is durable, in the same
    // commit. A crash before that commit loses nothing observable; recovery re-runs them identically.
    if (this.isInstant(context, stepId)) queueMicrotask(() => this.dispatch(context, stepId));
    else this.committer.afterCommit(() => this.dispatch(context, stepId));
  }

  /** Starts a queued step if its run and the engine have a free slot; true when it started. */
  dispatch(context: RunContext, stepId: string): boolean {
    if (this.stopped || this.draining || !this.runs.isCurrent(context) || context.run.status !== "running") return false;
    const row = context.step(stepId);
    if (row.status !== "queued" || context.inFlight.has(stepId)) return false;
    if (context.inFlight.size >= context.definition.maxParallel) return false; // dispatchQueued picks it up
    if (!this.slots.take(`${context.id}/${stepId}`, () => this.dispatch(context, stepId))) return false;
    this.execute(context, stepId);
    return true;
  }

  /** Handlers running now, and queued steps waiting for an engine-wide slot. */
  get load(): { running: number; waiting: number } {
    return this.slots.usage;
  }

  /** No handler starts any more; those running finish and their results are recorded (queued steps stay queued). */
  drain(): void {
    this.draining = true;
  }

  /** True once no handler runs, false when `deadlineMs` passed first. */
  async whenIdle(deadlineMs: number): Promise<boolean> {
    const deadline = Date.now() + deadlineMs;
    while (this.slots.usage.running > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(10, Math.max(1, deadline - Date.now()))));
    }
    return true;
  }

  /** No handler starts any more, and results of those still running are not recorded. */
  stop(): void {
    this.stopped = true;
  }

  private execute(context: RunContext, stepId: string): void {
    const instant = this.isInstant(context, stepId);
    const { attempt } = context.step(stepId);
    const row = context.moveStep(stepId, "running", { startedAt: this.environment.now(), finishedAt: null }, "step.started", {
      attempt,
      idempotencyKey: `${context.id}:${stepId}:${attempt}`,
    });
    // Instant steps finish within microtasks and cannot be interrupted: they share one idle signal.
    const controller = instant ? instantController : new AbortController();
    context.inFlight.set(stepId, controller);
    this.committer.touch(context);
    const run = (commitError?: unknown) =>
      !commitError &&
      void runHandler(this.environment, context, stepId, row, controller).then((result) => this.handled(context, stepId, row.attempt, result));
    // A side-effecting step starts only once `running` is durable, so a crash shows it in the log.
    if (instant) run();
    else this.committer.afterCommit(run);
  }

  private handled(context: RunContext, stepId: string, attempt: number, result: HandlerResult): void {
    context.inFlight.delete(stepId);
    this.slots.release();
    // A stopping engine records nothing: the step stays `running` in the database and recovery re-runs it.
    if (this.stopped || !this.runs.isCurrent(context)) return;
    const row = context.step(stepId);
    // A result for a step cancelled or stopped meanwhile is dropped, but the run is touched anyway:
    // its watchers and its eviction wait for the last handler to return.
    if (row.status === "running" && row.attempt === attempt) {
      this.onResult(context, stepId, result);
      this.dispatchQueued(context);
    }
    this.committer.touch(context);
  }

  /** Dispatches queued steps that waited for a `maxParallel` slot. */
  private dispatchQueued(context: RunContext): void {
    // By key, not by entry: called after every handler, it would allocate a pair per step of the run.
    for (const stepId of context.steps.keys()) {
      if (context.inFlight.size >= context.definition.maxParallel) return;
      if (context.steps.get(stepId)!.status === "queued") this.dispatch(context, stepId);
    }
  }

  private isInstant(context: RunContext, stepId: string): boolean {
    return this.environment.steps.handler(context.stepsById.get(stepId)!.type)?.instant ?? false;
  }
}
