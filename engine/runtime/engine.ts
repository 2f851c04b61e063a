import { checkNewRunInput, checkRunInput } from "../definition/input-schema";
import { ValidationError } from "../definition/issues";
import { limits } from "../definition/limits";
import type { RunEvent } from "../definition/run-events";
import { validateDefinition } from "../definition/validate";
import { EngineActionError } from "../errors-api";
import { holdIsolatedEvaluator } from "../expressions/isolated/shared";
import type { EngineObserver } from "../ports/engine-observer";
import type { PinnedOutputs, RunStore, StartRecord, StepCacheScope, StoredRun } from "../ports/run-store";
import type { Definition } from "../definition/schema";
import { noSecretResolver, type SecretResolver } from "../ports/secret-resolver";
import { noWorkflowResolver, type WorkflowResolver } from "../ports/workflow-resolver";
import { createSandbox, type Sandbox } from "../sandbox/index";
import { defaultEgressPolicy, type EgressPolicy } from "../steps/http/egress-policy";
import { createGuardedFetch } from "../steps/http/guarded-fetch";
import { builtInStepRegistry, type StepRegistry } from "../steps/step-registry";
import { hostIdentity } from "./host-identity";
import { silentLogger, type Logger } from "./logger";
import { newRunRows } from "./new-run";
import { OperatorActions, type Actor } from "./operator-actions";
import type { RecoveryOptions } from "./recovery";
import { RunContext } from "./run-context";
import { Runtime, type StopOptions } from "./runtime";
import { systemNow } from "./system-clock";
import type { ShutdownReport } from "./shutdown";

const defaultLeaseMs = 8_000;

export interface EngineOptions {
  store: RunStore;
  /** Defaults to a QuickJS worker sandbox owned (and closed) by the engine. */
  sandbox?: Sandbox;
  /**
   * Worker threads of that default sandbox (`ORKA_CODE_WORKERS` in the server), started as `code`
   * steps need them; default `max(2, os.availableParallelism())`. Ignored when `sandbox` is given.
   */
  codeWorkers?: number;
  resolver?: WorkflowResolver;
  /** A team's secrets for `$secrets.NAME` in http steps; without it, a step that uses one fails (permanent). */
  secrets?: SecretResolver;
  /**
   * What `http` steps may reach besides public addresses (`parseEgressAllowList`, from
   * `ORKA_HTTP_ALLOW` in the server and the CLI). Defaults to nothing: loopback, private,
   * link-local, metadata and other special addresses are refused.
   */
  httpEgress?: EgressPolicy;
  /** The step types this engine validates and runs; default: the built-in ones. */
  steps?: StepRegistry;
  now?: () => Date;
  random?: () => number;
  logger?: Logger;
  /** Step handlers running at once across all runs (each run is also bounded by its `maxParallel`). */
  maxConcurrentSteps?: number;
  /**
   * Child processes evaluating the expressions outside the in-process subset (engine/expressions/);
   * default 1, started on first use, shared by the engines of a process and stopped with the last.
   */
  expressionWorkers?: number;
  /**
   * Levels of `subworkflow`/`map` nesting below a top-level run (default 10): a step of a run this
   * deep that would start child runs fails (permanent). The server reads `ORKA_MAX_NESTING_DEPTH`.
   */
  maxNestingDepth?: number;
  /**
   * Runs in one run tree, its top-level run included (default 50,000): a step whose children would
   * pass it fails (permanent). The server reads `ORKA_MAX_RUNS_PER_TREE`.
   */
  maxRunsPerTree?: number;
  /** Told what each commit made durable (runs started and finished, step attempts), for metrics. */
  observer?: EngineObserver;
  /**
   * Run ownership across processes, on a store with leases (both of the server's): how long this
   * engine's lease lasts unrenewed, so how soon another process takes its runs over after it dies
   * (default 10,000 ms; the server reads `ORKA_LEASE_MS`); how often it looks for unowned runs
   * (default 1,000 ms; PostgreSQL also wakes it by NOTIFY); whether it claims runs at all (default
   * true; false: only those it starts and those operators act on through it); what it is ("server",
   * "worker", "cli"), shown to operators as the owner of its runs.
   */
  leases?: { leaseMs?: number; claimIntervalMs?: number; claim?: boolean; kind?: string };
}

export interface StartRunRequest {
  /** An orka/v1 definition to validate, or one this engine's `prepareDefinition` already validated. */
  definition: unknown;
  input?: unknown;
  /** Rows the caller records about this start (given the new run's id), committed in the same transaction as the run (see `StartRecord`). */
  records?: (runId: string) => readonly StartRecord[];
  runId?: string;
  teamId?: string | null;
  workflowId?: string | null;
  workflowVersionId?: string | null;
  /** A test run of a draft: marked `test`, with these steps' outputs used instead of running them. */
  test?: { pins: PinnedOutputs };
  /** The W3C `traceparent` header of the request that starts the run: its trace continues the caller's. Ignored when invalid. */
  traceParent?: string | null;
}

export type Engine = ReturnType<typeof createEngine>;

/** A definition validated once by `Engine.prepareDefinition`; only that engine knows its contents. */
export interface PreparedDefinition {
  readonly preparedDefinition: true;
}

/**
 * Creates the engine over a store. Call `start()` to recover unfinished runs, then `startRun()`.
 *
 * @example
 * const engine = createEngine({ store: await SqliteRunStore.open("orka.db") });
 * await engine.start();
 * const { runId } = await engine.startRun({ definition, input: { total: 10 } });
 * const run = await engine.waitForRun(runId);
 */
export function createEngine(options: EngineOptions) {
  const ownSandbox = options.sandbox ? null : createSandbox({ workers: options.codeWorkers });
  const logger = options.logger ?? silentLogger;
  const http = createGuardedFetch({ policy: options.httpEgress ?? defaultEgressPolicy, logger });
  const steps = options.steps ?? builtInStepRegistry;
  const releaseExpressions = holdIsolatedEvaluator({ workers: options.expressionWorkers });
  const composition = {
    maxNestingDepth: positiveInteger("maxNestingDepth", options.maxNestingDepth ?? limits.nestingDepth),
    maxRunsPerTree: positiveInteger("maxRunsPerTree", options.maxRunsPerTree ?? limits.runsPerTree),
  };
  const runtime = new Runtime({
    store: options.store,
    sandbox: options.sandbox ?? ownSandbox!,
    resolver: options.resolver ?? noWorkflowResolver,
    secrets: options.secrets ?? noSecretResolver,
    steps,
    fetch: http.fetch,
    now: options.now ?? systemNow,
    random: options.random ?? Math.random,
    logger,
    maxConcurrentSteps: options.maxConcurrentSteps ?? 256,
    composition,
    observer: options.observer,
    ownership: {
      leaseMs: positiveInteger("leases.leaseMs", options.leases?.leaseMs ?? defaultLeaseMs),
      claimIntervalMs: positiveInteger("leases.claimIntervalMs", options.leases?.claimIntervalMs ?? 1000),
      claim: options.leases?.claim ?? true,
      holder: { kind: options.leases?.kind ?? "engine", host: hostIdentity(), pid: process.pid },
    },
  });
  const actions = new OperatorActions(runtime, steps);
  // Prepared definitions of this engine (validated against its steps and nesting limit), by handle.
  const prepared = new WeakMap<PreparedDefinition, Definition>();
  const validate = (definition: unknown): Definition => {
    const known = typeof definition === "object" && definition !== null ? prepared.get(definition as PreparedDefinition) : undefined;
    if (known) return known;
    const validated = validateDefinition(definition, { steps, maxNestingDepth: composition.maxNestingDepth });
    if (!validated.ok) throw new ValidationError(validated.issues, "invalid definition");
    return validated.definition;
  };
  /** The rows of a run `request` asks for, once its definition and input are valid and its id is free. */
  const newRun = async (request: StartRunRequest) => {
    const definition = validate(request.definition);
    const inputIssues = checkNewRunInput(definition.input, request.input ?? null);
    if (inputIssues.length) throw new ValidationError(inputIssues, "invalid input");
    const rows = newRunRows({ ...request, definition, input: request.input ?? null }, runtime.now());
    if (request.runId && (await runtime.exists(request.runId))) throw new EngineActionError("CONFLICT", `run ${request.runId} already exists`);
    return { definition, rows };
  };

  return {
    /**
     * Registers this engine's lease and claims (resumes) every run tree nobody live holds, in batches
     * (see `RecoveryOptions`), then keeps claiming in the background; resolves with how many runs it
     * resumed. Runs started before `start` belong to nobody. On a store without leases it recovers
     * every unfinished run.
     */
    start: (recovery?: RecoveryOptions) => runtime.start(recovery),

    /** Validates the definition and input, commits the new run, and resolves with its id. */
    async startRun(request: StartRunRequest): Promise<{ runId: string }> {
      const { definition, rows } = await newRun(request);
      await runtime.launch(rows, definition, request.records?.(rows.run.id));
      return { runId: rows.run.id };
    },

    /**
     * Validates the definition and input and commits the new run with no owner, without running it:
     * an engine that claims runs (a worker) takes it; on PostgreSQL they are woken in the same commit.
     * For a process that serves requests but runs nothing.
     */
    async submitRun(request: StartRunRequest): Promise<{ runId: string }> {
      const { definition, rows } = await newRun(request);
      await options.store.commit([RunContext.fresh(rows, runtime.now, definition, request.records?.(rows.run.id)).takeMutation()!], null);
      return { runId: rows.run.id };
    },

    /**
     * Which engine process holds the run's tree: `mine` when this one does, `lease` (kind, host, pid)
     * while another live one does, `epoch` null when nobody does. Null for an unknown run, or a store
     * without leases. Only the holder may act on a run: an operator action through this engine on a
     * run another live process holds is refused (CONFLICT); one nobody holds is taken over first.
     */
    ownerOf: (runId: string) => runtime.ownerOf(runId),

    /**
     * Validates a definition once for many `startRun`s (a published version is immutable): pass the
     * handle as `definition`. Throws the `ValidationError` that `startRun` would.
     */
    prepareDefinition(definition: unknown): PreparedDefinition {
      const handle = Object.freeze({ preparedDefinition: true as const });
      prepared.set(handle, validate(definition));
      return handle;
    },

    /**
     * Resolves once the run needs nobody but an operator: completed, failed, cancelled, or running
     * with nothing left to do but wait for an approval.
     */
    waitForRun: (runId: string): Promise<StoredRun> => runtime.waitForRun(runId),

    /**
     * Calls `listener` after every commit of this engine that made run events durable, with the ids
     * of those runs (each once). The events are readable from the store when it is called, so an
     * event feed can read them at once instead of waiting for its next poll. Events written by
     * other processes are not reported. Returns the function that stops the calls.
     *
     * @example
     * const stop = engine.onCommitted((runIds) => feed.wake(runIds));
     */
    onCommitted: (listener: (runIds: readonly string[]) => void): (() => void) => runtime.onCommitted(listener),
    /** Runs in memory, step handlers running and queued steps waiting for a slot, in this process now. */
    usage: () => runtime.usage(),
    getRun: (runId: string) => options.store.loadRun(runId),
    listEvents: (runId: string, afterSeq = 0, limit?: number): Promise<RunEvent[]> => options.store.listEvents(runId, afterSeq, limit),
    retryStep: actions.retryStep.bind(actions),
    resolveStep: actions.resolveStep.bind(actions),
    approveStep: actions.approveStep.bind(actions),
    rejectStep: actions.rejectStep.bind(actions),
    cancelRun: actions.cancelRun.bind(actions),
    cancelStep: actions.cancelStep.bind(actions),
    /** The team's circuit breakers (`teamId` null: runs without a team), by key. */
    listBreakers: (teamId: string | null) => runtime.listBreakers(teamId),
    /**
     * Closes a team's circuit breaker: counting starts over and the steps it held run again.
     * Resolves with the closed breaker once that is committed, or null when there is none with that key.
     */
    resetBreaker: (teamId: string | null, key: string) => runtime.resetBreaker(teamId, key),
    /** Deletes every cached output of one step of one workflow (`cache` on the step); resolves with how many. */
    clearStepCache: (scope: StepCacheScope): Promise<number> => options.store.clearStepCache(scope),

    /**
     * Continues a failed or cancelled run on another definition (validated like `startRun`'s); see
     * `OperatorActions.redriveRun`.
     *
     * @example
     * await engine.redriveRun(runId, { definition: fixed, workflowVersionId: "v2" }, { by: "ana" });
     */
    async redriveRun(runId: string, target: { definition: unknown; workflowVersionId: string | null }, actor?: Actor) {
      const validated = validateDefinition(target.definition, { steps, maxNestingDepth: composition.maxNestingDepth });
      if (!validated.ok) throw new ValidationError(validated.issues, "invalid definition");
      // The run keeps its input: a version whose input schema refuses it cannot take the run over.
      const stored = await options.store.loadRun(runId);
      const inputIssues = stored ? checkRunInput(validated.definition.input, stored.run.input) : [];
      if (inputIssues.length) throw new ValidationError(inputIssues, "the run's input does not match the new definition's input schema");
      return actions.redriveRun(runId, { definition: validated.definition, workflowVersionId: target.workflowVersionId }, actor);
    },

    /**
     * Stops claiming; with `drainMs` (a graceful stop, SIGTERM), lets running step handlers finish
     * and commit for up to that long and hands the rest back as `queued` (same attempt, same
     * idempotency key; `released` counts them); without it they stay `running`, as after a crash.
     * Commits, releases this engine's runs to other processes and deletes its lease.
     */
    async stop(stopOptions?: StopOptions): Promise<ShutdownReport> {
      const report = await runtime.stop(stopOptions);
      await ownSandbox?.close();
      await http.close();
      await releaseExpressions();
      return report;
    },
  };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1, got ${value}`);
  return value;
}
