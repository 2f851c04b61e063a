import { checkRunInput } from "../definition/input-schema";
import { ValidationError, type ValidationIssue } from "../definition/issues";
import { limits } from "../definition/limits";
import type { RunEvent } from "../definition/run-events";
import { validateDefinition } from "../definition/validate";
import { EngineActionError } from "../errors-api";
import type { RunStore, StoredRun } from "../ports/run-store";
import { noSecretResolver, type SecretResolver } from "../ports/secret-resolver";
import { noWorkflowResolver, type WorkflowResolver } from "../ports/workflow-resolver";
import { createSandbox, type Sandbox } from "../sandbox/index";
import { installChildren } from "./children";
import { silentLogger, type Logger } from "./logger";
import { newRunRows } from "./new-run";
import { OperatorActions } from "./operator-actions";
import { recoverAll, recoverRun, type RecoveryOptions } from "./recovery";
import { RunContext } from "./run-context";
import { Runtime } from "./runtime";

export interface EngineOptions {
  store: RunStore;
  /** Defaults to a QuickJS worker sandbox owned (and closed) by the engine. */
  sandbox?: Sandbox;
  resolver?: WorkflowResolver;
  /** A team's secrets for `$secrets.NAME` in http steps; without it, a step that uses one fails (permanent). */
  secrets?: SecretResolver;
  fetch?: typeof fetch;
  now?: () => Date;
  random?: () => number;
  logger?: Logger;
  /** Step handlers running at once across all runs (each run is also bounded by its `maxParallel`). */
  maxConcurrentSteps?: number;
}

export interface StartRunRequest {
  definition: unknown;
  input?: unknown;
  runId?: string;
  teamId?: string | null;
  workflowId?: string | null;
  workflowVersionId?: string | null;
}

export type Engine = ReturnType<typeof createEngine>;

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
  const ownSandbox = options.sandbox ? null : createSandbox();
  const runtime = new Runtime({
    store: options.store,
    sandbox: options.sandbox ?? ownSandbox!,
    resolver: options.resolver ?? noWorkflowResolver,
    secrets: options.secrets ?? noSecretResolver,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    maxConcurrentSteps: options.maxConcurrentSteps ?? 256,
  });
  installChildren(runtime);
  runtime.recoverRun = (runId) => recoverRun(runtime, runId);
  const actions = new OperatorActions(runtime);

  return {
    /** Recovers every unfinished run, in batches (see `RecoveryOptions`); resolves with how many. */
    start: (recovery?: RecoveryOptions) => recoverAll(runtime, recovery),

    /** Validates the definition and input, commits the new run, and resolves with its id. */
    async startRun(request: StartRunRequest): Promise<{ runId: string }> {
      const validated = validateDefinition(request.definition);
      if (!validated.ok) throw new ValidationError(validated.issues, "invalid definition");
      const inputIssues = checkInput(validated.definition.input, request.input ?? null);
      if (inputIssues.length) throw new ValidationError(inputIssues, "invalid input");
      const rows = newRunRows({ ...request, definition: validated.definition, input: request.input ?? null }, runtime.now());
      if (request.runId && (runtime.contexts.has(request.runId) || (await options.store.loadRun(request.runId))))
        throw new EngineActionError("CONFLICT", `run ${request.runId} already exists`);
      const context = RunContext.fresh(rows, runtime.now, validated.definition);
      runtime.contexts.set(context.id, context);
      runtime.begin(context);
      await new Promise<void>((resolve, reject) => runtime.committer.afterCommit((error) => (error ? reject(error) : resolve())));
      return { runId: context.id };
    },

    /**
     * Resolves once the run needs nobody but an operator: completed, failed, cancelled, or running
     * with nothing left to do but wait for an approval.
     */
    waitForRun(runId: string): Promise<StoredRun> {
      return new Promise((resolve, reject) => {
        const check = async () => {
          const context = runtime.contexts.get(runId);
          if (context && (!isQuiet(context) || context.hasUncommitted())) return;
          // Quiet with nothing uncommitted: the mirror equals the database, no need to read it back.
          if (context) return finish(context.snapshot());
          const settled = runtime.recentlySettled.get(runId);
          if (settled) return finish(settled);
          const stored = await options.store.loadRun(runId);
          if (!stored) return reject(new EngineActionError("NOT_FOUND", `run ${runId} not found`));
          if (stored.run.status !== "running" && stored.run.status !== "pending") return finish(stored);
          const live = runtime.contexts.get(runId);
          if (live && isQuiet(live) && !live.hasUncommitted()) finish(stored);
        };
        const unwatch = runtime.watch(runId, () => void check().catch(reject));
        const finish = (stored: StoredRun) => {
          unwatch();
          resolve(stored);
        };
        void check().catch(reject);
      });
    },

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
    getRun: (runId: string) => options.store.loadRun(runId),
    listEvents: (runId: string, afterSeq = 0, limit?: number): Promise<RunEvent[]> => options.store.listEvents(runId, afterSeq, limit),
    retryStep: actions.retryStep.bind(actions),
    resolveStep: actions.resolveStep.bind(actions),
    approveStep: actions.approveStep.bind(actions),
    rejectStep: actions.rejectStep.bind(actions),
    cancelRun: actions.cancelRun.bind(actions),
    cancelStep: actions.cancelStep.bind(actions),

    /** Commits what is pending, stops timers and handlers (their steps stay `running` for recovery). */
    async stop(): Promise<void> {
      await runtime.stop();
      await ownSandbox?.close();
    },
  };
}

function checkInput(schema: Record<string, unknown> | undefined, input: unknown): ValidationIssue[] {
  let size: number;
  try {
    size = JSON.stringify(input)?.length ?? 0;
  } catch (error) {
    return [{ path: "input", message: `input is not JSON: ${(error as Error).message}` }];
  }
  if (size > limits.runInputBytes) return [{ path: "input", message: `input is ${size} bytes; the limit is ${limits.runInputBytes}` }];
  return checkRunInput(schema, input);
}

/** Nothing can happen without an operator: no step queued, running, retrying, or on a timer/child. */
function isQuiet(context: RunContext): boolean {
  if (context.finishing || context.inFlight.size > 0) return false;
  if (context.run.status !== "running") return true;
  for (const row of context.steps.values()) {
    if (row.status === "queued" || row.status === "running" || row.status === "retrying") return false;
    if (row.status === "waiting" && (row.state as { reason?: string } | null)?.reason !== "approval") return false;
  }
  return true;
}
