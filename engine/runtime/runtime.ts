import type { RedrivePlan } from "../definition/redrive-plan";
import type { Definition } from "../definition/schema";
import type { StepError } from "../definition/statuses";
import type { EngineObserver } from "../ports/engine-observer";
import type { RunStore, StartRecord, StepCacheKey, StoredRun } from "../ports/run-store";
import { advance } from "../scheduling/advance";
import { defaultRetryPolicy, nextAttemptDelayMs, shouldRetry } from "../scheduling/retry";
import type { StepOutcome } from "../steps/handler";
import { Breakers, circuitOpenReason } from "./breakers";
import { ChildRuns } from "./children";
import { CommitFeed } from "./commit-feed";
import { GroupCommitter } from "./committer";
import { StepDispatcher } from "./dispatcher";
import { LiveRuns } from "./live-runs";
import { LeaseLostError } from "../ports/leases";
import { Ownership, type OwnershipOptions, type RunOwnership } from "./ownership";
import type { Logger } from "./logger";
import { Recovery, type ClaimedRuns, type RecoveryOptions } from "./recovery";
import { RunContext } from "./run-context";
import type { HandlerEnvironment, HandlerResult } from "./run-handler";
import { redriveContext, type RedriveTarget } from "./redrive";
import { RunTrees, type CompositionLimits } from "./run-trees";
import { failedStep } from "./failure-route";
import { cacheEntryFor, type CachedFrom } from "./step-cache";
import { settle } from "./settle-run";
import { releaseHandlersInFlight, type ShutdownReport } from "./shutdown";
import { StepTimers } from "./step-timers";
import { waitForRun, waitsOnlyForOperator } from "./wait-for-run";

/** How long a run waits only for an operator before it is parked (see `parkLater`). */
const parkAfterMs = 1000;

export interface RuntimeOptions extends Omit<HandlerEnvironment, "breakers"> {
  store: RunStore;
  random: () => number;
  logger: Logger;
  /** Step handlers running at once across all runs. */
  maxConcurrentSteps: number;
  composition: CompositionLimits;
  observer?: EngineObserver;
  /** Run ownership by lease (needs `store.leases`); without it `start` recovers every unfinished run. */
  ownership?: OwnershipOptions;
}

export interface StopOptions {
  /** A graceful stop: for up to this long, handlers running finish and are committed (none starts); default 0. */
  drainMs?: number;
}

/** How a step completed. */
export interface Completion {
  output: unknown;
  branch?: string | null;
  /** `$vars` written by the step's `assign`, committed with the completion. */
  assigned?: Record<string, unknown> | null;
  /** False leaves the step's dependents alone (a `stop` step ends the run instead). Default true. */
  proceed?: boolean;
  /** More payload for the `step.completed` event. */
  extra?: Record<string, unknown>;
  /** The step declares `cache` and its handler ran: the output is cached in the same commit. */
  cacheKey?: StepCacheKey;
  /** The output came from the cache (the `step.completed` event says from where). */
  cachedFrom?: CachedFrom;
}

/**
 * The progress loop. Decisions come from `scheduling/` (pure); this class applies them to the run
 * context, lets the group committer make them durable, and only then runs what depends on them.
 * Every collaborator is made here, from the options, so the loop is whole once constructed.
 */
export class Runtime {
  readonly now = (): Date => this.options.now();
  private readonly runs: LiveRuns;
  private readonly trees: RunTrees;
  private readonly feed: CommitFeed;
  private readonly committer: GroupCommitter;
  private readonly timers: StepTimers;
  private readonly dispatcher: StepDispatcher;
  private readonly children: ChildRuns;
  private readonly recovery: Recovery;
  private readonly breakers: Breakers;
  private readonly ownership: Ownership | null;
  /** Runs reloaded after a failed commit, waiting for their back-off. */
  private readonly reloads = new Set<NodeJS.Timeout>();
  private stopping = false;
  private readonly commitFailures = new Map<string, number>();
  private readonly parkTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: RuntimeOptions) {
    const leases = options.ownership && options.store.leases;
    this.ownership = leases ? new Ownership(leases, this, options.ownership!, options.logger, options.observer) : null;
    this.trees = new RunTrees(options.store, options.composition, (rootRunId) => this.ownership?.forget(rootRunId));
    this.runs = new LiveRuns(options.store, this.now, this.trees, (rootRunId) => this.ownership?.holds(rootRunId) ?? Promise.resolve(true));
    this.feed = new CommitFeed(options.logger);
    this.committer = new GroupCommitter(
      options.store,
      (runs, error) => this.commitFailed(runs, error),
      (runs, withEvents) => this.committed(runs, withEvents),
      () => this.breakers.takeMutation(),
      options.observer,
      () => this.ownership?.fence() ?? null,
    );
    this.timers = new StepTimers(this.now, (runId, stepId) =>
      void this.runs.load(runId).then(
        (context) => context && this.wake(context, stepId),
        // The database did not answer: try again, or the step would sleep for ever.
        (error: unknown) => {
          options.logger.error(`run ${runId} could not be loaded to wake step ${stepId}; trying again in a second`, error);
          this.timers.arm(runId, stepId, new Date(Date.now() + 1000));
        },
      ),
    );
    this.breakers = new Breakers(
      options.store,
      this.now,
      () => this.committer.afterCommit(() => {}),
      (runId, stepId) => this.timers.arm(runId, stepId, this.now()),
    );
    this.dispatcher = new StepDispatcher({ ...options, breakers: this.breakers }, options.maxConcurrentSteps, this.runs, this.committer, (context, stepId, result) =>
      this.handled(context, stepId, result),
    );
    this.children = new ChildRuns(this, this.runs, options.store, options.logger);
    this.recovery = new Recovery(this, this.runs, options.store, this.committer, this.timers, this.children, this.dispatcher, options.logger);
  }

  /**
   * With leases: registers this engine's lease and claims every tree nobody live holds (then keeps
   * claiming in the background); without: recovers every unfinished run. Resolves with how many runs resumed.
   */
  start(recovery?: RecoveryOptions): Promise<number> {
    return this.ownership ? this.ownership.start(recovery) : this.recovery.recoverAll(recovery);
  }

  claimAll(claim: (maxTrees: number) => Promise<ClaimedRuns>, options: RecoveryOptions | undefined, background: boolean): Promise<number> {
    return this.recovery.claimAll(claim, options, background);
  }

  holdsInMemory(rootRunId: string): boolean {
    return this.trees.liveRuns(rootRunId) > 0;
  }

  resumeClaimed(claimed: ClaimedRuns): Promise<number> {
    return this.recovery.resumeClaimed(claimed);
  }

  /** Who holds the run's tree (null: unknown run, or this engine has no leases). */
  async ownerOf(runId: string): Promise<RunOwnership | null> {
    return this.ownership ? this.ownership.ownerOf(runId) : null;
  }

  /** Before an operator acts on a run: take its tree when nobody live holds it; refuse when another process does. */
  async loadForAction(runId: string): Promise<RunContext | null> {
    if (!this.runs.has(runId)) await this.ownership?.claimForAction(runId);
    return this.runs.load(runId);
  }

  /** This process lost its lease: every run in memory goes, unapplied; the new owner resumes them from the database. */
  dropAll(): void {
    this.clearParkTimers();
    for (const timer of this.reloads) clearTimeout(timer);
    this.reloads.clear();
    this.commitFailures.clear();
    this.timers.clearAll();
    this.runs.abortAll(new Error("engine lease lost"));
    this.runs.evictAll();
  }

  /** Whether a run with this id exists, in memory or in the store. */
  async exists(runId: string): Promise<boolean> {
    return this.runs.has(runId) || Boolean(await this.options.store.loadRun(runId));
  }

  /** Starts a run that is not in the store yet (see `newRunRows`); resolves once it is committed. */
  async launch(stored: StoredRun, definition: Definition, startRecords?: readonly StartRecord[]): Promise<void> {
    if (this.ownership?.isRecovering) await this.ownership.settled(); // committed under a lease that lapsed, it would only be refused
    const context = RunContext.fresh(stored, this.now, definition, startRecords);
    this.ownership?.adopt(context.run.rootRunId);
    this.runs.add(context);
    this.begin(context);
    return this.afterCommit();
  }

  load(runId: string): Promise<RunContext | null> {
    return this.runs.load(runId);
  }

  waitForRun(runId: string): Promise<StoredRun> {
    return waitForRun(runId, this.runs, this.options.store, this.feed);
  }

  /** Called after each commit that made events durable, with the ids of their runs; returns an unsubscribe. */
  onCommitted(listener: (runIds: readonly string[]) => void): () => void {
    return this.feed.onCommitted(listener);
  }

  /** What this process holds now: runs in memory, step handlers running, queued steps waiting for a slot. */
  usage(): { runsInMemory: number; stepsRunning: number; stepsWaitingForSlot: number } {
    const { running, waiting } = this.dispatcher.load;
    return { runsInMemory: this.runs.size, stepsRunning: running, stepsWaitingForSlot: waiting };
  }

  touch(context: RunContext): void {
    this.committer.touch(context);
  }

  /** Marks the run for the next commit and resolves once that commit is done. */
  commit(context: RunContext): Promise<void> {
    this.touch(context);
    return this.afterCommit();
  }

  /** Resolves once everything changed so far is committed. */
  durable(): Promise<void> {
    return this.afterCommit();
  }

  /** Resolves once the child runs of every step cancelled, resolved or failed so far are cancelled, however many. */
  childCancellationsDone(): Promise<void> {
    return this.children.cancellationsDone();
  }

  isCurrent(context: RunContext): boolean {
    return this.runs.isCurrent(context);
  }

  begin(context: RunContext): void {
    context.moveRun("running", { startedAt: this.now() }, "run.started", { input: context.run.input });
    this.progress(context, context.graph.order);
  }

  /**
   * Moves a failed or cancelled run onto another definition (see `redriveContext`) and progresses it;
   * the new context replaces the old one, which must not act again. The caller commits.
   */
  redrive(current: RunContext, target: RedriveTarget, payload: Record<string, unknown>): { context: RunContext; plan: RedrivePlan } {
    const redriven = redriveContext(current, target, this.now, payload);
    this.runs.replace(redriven.context);
    this.progress(redriven.context, redriven.context.graph.order);
    return redriven;
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
    this.dispatcher.queue(context, stepId, attempt, payload);
  }

  private handled(context: RunContext, stepId: string, result: HandlerResult): void {
    if (result.detail) context.patchStep(stepId, { detail: result.detail });
    if (result.breaker) this.breakers.settle(result.breaker, "error" in result ? result.error : null);
    if ("circuitOpen" in result) this.holdForBreaker(context, stepId, result.circuitOpen);
    else if ("error" in result) this.failAttempt(context, stepId, result.error);
    else this.apply(context, stepId, result.outcome, result.assigned, { cacheKey: result.cacheKey, cachedFrom: result.cachedFrom });
  }

  /** The attempt did not start: it waits for the breaker and runs again (same attempt) when it lets it through. */
  private holdForBreaker(context: RunContext, stepId: string, { key, until }: { key: string; until: Date }): void {
    const payload = { reason: circuitOpenReason, breaker: key, waitingFor: `${circuitOpenReason} for ${key}`, wakeAt: until };
    context.moveStep(stepId, "waiting", { wakeAt: until, state: { reason: circuitOpenReason, breaker: key } }, "step.waiting", payload);
    this.breakers.hold(context.run.teamId, key, context.id, stepId);
    this.committer.afterCommit(() => this.timers.arm(context.id, stepId, until));
    this.settle(context);
  }

  /** The team's circuit breakers as this engine holds them. */
  listBreakers(teamId: string | null) {
    return this.breakers.list(teamId);
  }

  /** Closes a breaker and wakes the steps it held; resolves once that is committed (null: no such breaker). */
  async resetBreaker(teamId: string | null, key: string) {
    const row = await this.breakers.reset(teamId, key);
    if (row) await this.afterCommit();
    return row;
  }

  /** Recovery: a step left waiting for a breaker waits for it again in this process. */
  holdForBreakerAgain(context: RunContext, stepId: string, key: string): void {
    this.breakers.hold(context.run.teamId, key, context.id, stepId);
  }

  private apply(context: RunContext, stepId: string, outcome: StepOutcome, assigned: Record<string, unknown> | null, cache: Pick<Completion, "cacheKey" | "cachedFrom"> = {}): void {
    switch (outcome.type) {
      case "complete":
        return this.complete(context, stepId, { output: outcome.output, branch: outcome.branch, assigned, ...cache });
      case "stop":
        this.complete(context, stepId, { output: outcome.output, assigned, proceed: false });
        return this.stopEarly(context, outcome.output);
      case "wait": {
        const { reason, wakeAt = null, detail = {} } = outcome;
        context.moveStep(stepId, "waiting", { wakeAt, state: { reason, ...detail } }, "step.waiting", { reason, wakeAt, ...detail });
        if (wakeAt) this.committer.afterCommit(() => this.timers.arm(context.id, stepId, wakeAt));
        return this.settle(context);
      }
      case "children": {
        const refusal = this.trees.admit(context.run, outcome.children.length);
        if (refusal) return this.failAttempt(context, stepId, { kind: "permanent", message: refusal });
        return this.children.start(context, stepId, outcome);
      }
    }
  }

  complete(context: RunContext, stepId: string, { output, branch = null, assigned = null, proceed = true, extra = {}, cacheKey, cachedFrom }: Completion): void {
    context.moveStep(stepId, "completed", { output, branch, error: null, wakeAt: null, finishedAt: this.now() }, "step.completed", {
      output,
      branch,
      ...(assigned ? { vars: assigned } : {}),
      ...(cachedFrom ? { cached: cachedFrom } : {}),
      ...extra,
    });
    const entry = cacheKey && cacheEntryFor(context, cacheKey, output, this.now());
    if (entry) context.cacheOutput(entry);
    if (assigned) context.patchRun({ vars: { ...context.run.vars, ...assigned } });
    if (proceed) this.progress(context, [stepId]);
  }

  /** An operator's output for a failed or waiting step: its timer and children are dropped, its dependents go on. */
  resolve(context: RunContext, stepId: string, { output, branch, payload }: { output: unknown; branch: string | null; payload: Record<string, unknown> }): void {
    this.timers.clear(context.id, stepId);
    this.children.cancel(context, stepId, { reason: "parent step resolved manually", ...payload });
    context.moveStep(stepId, "resolved", { output, branch, error: null, wakeAt: null, finishedAt: this.now() }, "step.resolved", { output, branch, ...payload });
    this.progress(context, [stepId]);
  }

  private failAttempt(context: RunContext, stepId: string, error: StepError): void {
    const row = context.step(stepId);
    const policy = { ...defaultRetryPolicy, ...context.stepsById.get(stepId)!.retry };
    const attemptsUsed = row.attempt - row.retryFrom;
    if (shouldRetry(policy, error, attemptsUsed)) {
      const delayMs = nextAttemptDelayMs(policy, error, attemptsUsed, this.options.random);
      const wakeAt = new Date(this.now().getTime() + delayMs);
      context.moveStep(stepId, "retrying", { error, wakeAt }, "step.retrying", { attempt: row.attempt, error, wakeAt, delayMs, maxAttempts: policy.maxAttempts });
      this.committer.afterCommit(() => this.timers.arm(context.id, stepId, wakeAt));
    } else return this.fail(context, stepId, error);
    this.settle(context);
  }

  /** Fails a step for good: the run takes its error branch, goes on past an optional step, or waits for an operator. */
  fail(context: RunContext, stepId: string, error: StepError, extra: Record<string, unknown> = {}): void {
    const route = failedStep(context, stepId, error);
    context.moveStep(stepId, "failed", { error, finishedAt: this.now(), ...route.patch }, "step.failed", { attempt: context.step(stepId).attempt, error, ...extra, ...route.payload });
    if (route.handled) this.progress(context, [stepId]);
    else this.settle(context);
  }

  /** Ends the run early as completed: steps not started are skipped, the rest cancelled. */
  private stopEarly(context: RunContext, output: unknown): void {
    for (const [stepId, row] of context.steps) {
      if (row.status === "pending" || row.status === "queued") context.moveStep(stepId, "skipped", { finishedAt: this.now() }, "step.skipped", { reason: "run stopped" });
      else if (["running", "retrying", "waiting"].includes(row.status)) this.cancelStep(context, stepId, { reason: "run stopped" });
    }
    context.moveRun("completed", { output, finishedAt: this.now() }, "run.completed", { output });
    this.touch(context);
  }

  /** Cancels one unfinished step: its handler is aborted, its timer cleared, its child runs cancelled. */
  cancelStep(context: RunContext, stepId: string, payload: Record<string, unknown>): void {
    context.inFlight.get(stepId)?.abort(new (class extends Error { name = "AbortError"; })("cancelled"));
    this.timers.clear(context.id, stepId);
    context.moveStep(stepId, "cancelled", { wakeAt: null, finishedAt: this.now(), error: { kind: "cancelled", message: String(payload.reason ?? "cancelled") } }, "step.cancelled", payload);
    this.children.cancel(context, stepId, payload);
  }

  /** Cancels a run and everything in it that has not finished; its child runs are cancelled after the next commit. */
  cancelRun(context: RunContext, payload: Record<string, unknown>): void {
    for (const [stepId, row] of context.steps) {
      if (["pending", "queued", "running", "retrying", "waiting"].includes(row.status)) this.cancelStep(context, stepId, payload);
    }
    context.moveRun("cancelled", { finishedAt: this.now() }, "run.cancelled", payload);
    this.touch(context);
  }

  settle(context: RunContext): void {
    settle(this, context);
  }

  private wake(context: RunContext, stepId: string): void {
    const row = context.step(stepId);
    if (context.run.status !== "running") return;
    if (row.status === "retrying") this.queue(context, stepId, row.attempt + 1);
    else if (row.status === "waiting" && (row.state as { reason?: string } | null)?.reason === circuitOpenReason) this.queue(context, stepId, row.attempt);
    else if (row.status === "waiting" && (row.state as { reason?: string } | null)?.reason === "delay")
      this.complete(context, stepId, { output: { waitedUntil: row.wakeAt?.toISOString() ?? null } });
    this.touch(context);
  }

  private afterCommit(): Promise<void> {
    return new Promise((resolve, reject) => this.committer.afterCommit((error) => (error ? reject(error) : resolve())));
  }

  private committed(runs: RunContext[], withEvents: string[]): void {
    for (const context of runs) {
      this.commitFailures.delete(context.id);
      this.feed.runCommitted(context);
      const status = context.run.status;
      const settled = status === "completed" || status === "cancelled" || status === "failed";
      if (settled && !context.hasUncommitted() && context.inFlight.size === 0 && !context.finishing && this.isCurrent(context)) {
        this.runs.release(context); // the database has it all; operators reload it on demand
        this.children.settled(context);
      } else if (this.ownership?.fence() && this.parkable(context)) {
        this.parkLater(context);
      }
    }
    if (withEvents.length > 0) this.feed.eventsCommitted(withEvents);
  }

  /**
   * A run that stays waiting for an operator for `parkAfterMs` leaves this process with its tree: the
   * process an operator acts through takes it then. The check and the release happen in one turn, so
   * an action that loaded the run from memory before has already changed it (it is no longer parkable).
   */
  private parkLater(context: RunContext): void {
    if (this.parkTimers.has(context.id)) return;
    const timer = setTimeout(() => {
      this.parkTimers.delete(context.id);
      if (this.stopping || !this.parkable(context)) return;
      this.runs.release(context);
      this.ownership!.park(context.id);
    }, parkAfterMs);
    timer.unref?.();
    this.parkTimers.set(context.id, timer);
  }

  /** A top-level run, alone in memory of its tree, that nothing but an operator can move on (approvals). */
  private parkable(context: RunContext): boolean {
    const { run } = context;
    if (run.parentRunId || run.status !== "running" || context.hasUncommitted() || !this.isCurrent(context)) return false;
    return waitsOnlyForOperator(context) && this.trees.liveRuns(run.rootRunId) === 1;
  }

  private commitFailed(runs: RunContext[], error: unknown): void {
    if (error instanceof LeaseLostError) {
      for (const run of runs) this.runs.evict(run.id);
      return this.ownership?.lost(error);
    }
    this.options.logger.error(`commit of ${runs.length} run(s) failed; reloading them from the database`, error);
    for (const run of runs) {
      for (const controller of run.inFlight.values()) controller.abort(new Error("run reloaded after a failed commit"));
      this.runs.evict(run.id);
      // A failure that repeats (a full disk, a constraint) is retried ever more slowly, not in a tight loop.
      const failures = (this.commitFailures.get(run.id) ?? 0) + 1;
      this.commitFailures.set(run.id, failures);
      this.scheduleReload(run.id, Math.min(100 * 2 ** (failures - 1), 60_000));
    }
  }

  private clearParkTimers(): void {
    for (const timer of this.parkTimers.values()) clearTimeout(timer);
    this.parkTimers.clear();
  }

  isStopping(): boolean {
    return this.stopping;
  }

  /** A stopped engine reloads nothing: its store may already be closed. */
  private scheduleReload(runId: string, delayMs: number): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.reloads.delete(timer);
      this.recovery.recoverRun(runId).catch((error: unknown) => {
        this.options.logger.error(`run ${runId} could not be reloaded; trying again`, error);
        this.scheduleReload(runId, Math.min(delayMs * 2, 60_000));
      });
    }, delayMs);
    this.reloads.add(timer);
  }

  /**
   * Stops claiming; with `drainMs` (a graceful stop, SIGTERM), starts no handler or timer any more
   * and lets running handlers finish and commit for up to that long, then aborts the rest and puts
   * their steps back to `queued` (the same attempt, so the same idempotency key, and no interruption
   * counted towards quarantine: the process did not die of them). Without it, running steps stay
   * `running`, as after a crash. Then commits what is pending, releases every tree this engine holds
   * and deletes its lease, so another process takes the runs over at once.
   */
  async stop({ drainMs = 0 }: StopOptions = {}): Promise<ShutdownReport> {
    this.ownership?.stopClaiming();
    let released = 0;
    if (drainMs > 0) {
      this.dispatcher.drain();
      this.timers.stop();
      if (!(await this.dispatcher.whenIdle(drainMs))) released = releaseHandlersInFlight(this.runs, this.now(), (context) => this.touch(context));
      await this.committer.drain();
    }
    this.stopping = true;
    this.clearParkTimers();
    for (const timer of this.reloads) clearTimeout(timer);
    this.reloads.clear();
    this.dispatcher.stop();
    this.children.stop();
    this.timers.stop();
    this.breakers.close();
    this.runs.abortAll(new Error("engine stopping"));
    await this.committer.drain();
    await this.ownership?.drop();
    return { released };
  }
}
