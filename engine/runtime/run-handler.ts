import { limits } from "../definition/limits";
import type { StepError } from "../definition/statuses";
import { classifyError, PermanentError, TimeoutError } from "../errors";
import { evaluateExpression, evaluateTrivially, notTrivial, type ExpressionScope } from "../expressions/evaluate";
import type { RunStore, StepCacheKey, StepRunRow } from "../ports/run-store";
import { resolveSecrets, type SecretResolver } from "../ports/secret-resolver";
import type { WorkflowResolver } from "../ports/workflow-resolver";
import type { Sandbox } from "../sandbox/index";
import type { HttpFetch } from "../steps/http/guarded-fetch";
import type { StepOutcome } from "../steps/handler";
import type { StepRegistry } from "../steps/step-registry";
import { Breakers, type BreakerTicket } from "./breakers";
import type { RunContext } from "./run-context";
import { readCachedOutput, stepCacheKey, type CachedFrom } from "./step-cache";
import { unstorable } from "./storable";
import { traceIdOfRun, traceparentOf } from "./trace-ids";

/** What handlers may use beyond their step: the engine's ports and clock. */
export interface HandlerEnvironment {
  sandbox: Sandbox;
  fetch: HttpFetch;
  resolver: WorkflowResolver;
  secrets: SecretResolver;
  now: () => Date;
  steps: StepRegistry;
  breakers: Breakers;
  /** Read only for steps that declare `cache`. */
  store: Pick<RunStore, "readStepCache">;
}

/** `breaker`: the circuit breaker this attempt went through, which its outcome is counted against. */
export type HandlerResult = (
  | {
      outcome: StepOutcome;
      assigned: Record<string, unknown> | null;
      /** The step declares `cache` and ran: its output is cached under this key with its completion. */
      cacheKey?: StepCacheKey;
      /** The output came from the cache, written by this run at this time; the handler did not run. */
      cachedFrom?: CachedFrom;
    }
  | { error: StepError }
  | { circuitOpen: { key: string; until: Date } }
) & {
  breaker?: BreakerTicket;
  /** What the attempt recorded with `recordDetail`, if anything. */
  detail?: Record<string, unknown>;
};

/**
 * Calls a step's handler with its context, bounded by the step's timeout (unless the handler
 * enforces it itself) and its AbortSignal, then evaluates its `assign` expressions. Never throws:
 * every failure comes back classified.
 */
export async function runHandler(environment: HandlerEnvironment, context: RunContext, stepId: string, row: StepRunRow, controller: AbortController): Promise<HandlerResult> {
  const step = context.stepsById.get(stepId)!;
  const spec = environment.steps.get(step.type);
  const handler = environment.steps.handler(step.type);
  const timeoutMs = step.timeoutMs ?? handler?.defaultTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  let ticket: BreakerTicket | undefined;
  let refused: { key: string; until: Date } | undefined;
  const breakerSettings = spec ? Breakers.settingsOf(step, spec.breakerByDefault === true) : null;
  // Checked by the runtime, not by the error's type: a handler may wrap what it throws (redaction).
  const breaker = async (target: string) => {
    if (!breakerSettings || ticket) return;
    const passage = await environment.breakers.pass(context.run.teamId, breakerSettings.key ?? target, `${context.id}/${stepId}`, breakerSettings);
    if ("refused" in passage) {
      refused = passage.refused;
      throw new Error(`circuit open for ${refused.key}`);
    }
    ticket = passage.ticket;
  };
  let detail: Record<string, unknown> | undefined;
  const withDetail = <R extends HandlerResult>(result: R): R => (detail ? { ...result, detail } : result);
  try {
    if (controller.signal.aborted) throw controller.signal.reason;
    // Only a run loaded from the store can get here with a type this engine lacks: validation refuses it.
    if (!spec || !handler) throw new PermanentError(`step type "${step.type}" is not known to this engine`);
    const scope = context.scope(row.attempt);
    const pinned = context.run.pins?.[stepId];
    if (pinned) {
      // A test run uses the step's pinned sample data instead of running it.
      const outcome: StepOutcome = { type: "complete", output: pinned.output, ...(pinned.branch ? { branch: pinned.branch } : {}) };
      return { outcome, assigned: await assign(context, stepId, outcome, scope), detail: { pinned: true } };
    }
    if (step.breaker?.key) await breaker(step.breaker.key);
    let cacheKey: StepCacheKey | undefined;
    if (step.cache) {
      cacheKey = await stepCacheKey(context, stepId, scope);
      const hit = await readCachedOutput(environment.store, cacheKey, environment.now());
      if (hit) {
        const outcome: StepOutcome = { type: "complete", output: hit.output };
        return { outcome, assigned: await assign(context, stepId, outcome, scope), cachedFrom: { runId: hit.sourceRunId, at: hit.createdAt.toISOString() } };
      }
    }
    const handling = handler.run({
      runId: context.id,
      teamId: context.run.teamId,
      step,
      config: context.config(stepId, spec.configSchema) as never, // parsed by this type's own schema
      attempt: row.attempt,
      idempotencyKey: `${context.id}:${stepId}:${row.attempt}`,
      traceparent: () => traceparentOf(traceIdOfRun(context.run), context.id, stepId, row.attempt),
      scope,
      signal: controller.signal,
      timeoutMs,
      now: environment.now,
      sandbox: environment.sandbox,
      fetch: environment.fetch,
      resolver: environment.resolver,
      steps: environment.steps,
      secrets: (names: readonly string[]) => resolveSecrets(environment.secrets, context.run.teamId, names),
      breaker,
      recordDetail: (recorded) => {
        detail = recorded;
      },
    });
    // A handler whose limit counts from the start of its work enforces it itself (see StepHandler).
    const raceMs = handler.timeoutCountsFrom === "start" ? undefined : timeoutMs;
    let outcome: StepOutcome;
    if (handler.instant && raceMs === undefined) outcome = await handling; // finishes in microtasks
    else {
      const aborted = new Promise<never>((_, reject) => {
        if (raceMs !== undefined) timer = setTimeout(() => controller.abort(new TimeoutError(`step timed out after ${raceMs} ms`)), raceMs);
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
      });
      handling.catch(() => {}); // settled by the race below; a late rejection must not go unhandled
      outcome = await Promise.race([handling, aborted]);
    }
    const assigning = assign(context, stepId, outcome, scope);
    return withDetail({ outcome, assigned: assigning instanceof Promise ? await assigning : assigning, cacheKey, breaker: ticket });
  } catch (error) {
    if (refused) return withDetail({ circuitOpen: refused });
    return withDetail({ error: classifyError(error), breaker: ticket });
  } finally {
    clearTimeout(timer);
  }
}

type Assigned = Record<string, unknown> | null;

/**
 * The step's `assign` expressions evaluated; synchronously while they are trivial (constants, a name
 * of the scope), which spares the promises of a step that sets constants, as most do.
 */
function assign(context: RunContext, stepId: string, outcome: StepOutcome, scope: ExpressionScope): Assigned | Promise<Assigned> {
  if (outcome.type !== "complete" && outcome.type !== "stop") return null;
  const refusal = unstorable(outcome.output, limits.stepOutputBytes);
  if (refusal) throw new PermanentError(refusal);
  const assign = context.stepsById.get(stepId)!.assign;
  if (!assign) return null;
  const assigned: Record<string, unknown> = {};
  // The step is not completed yet, so `$steps` lacks it; `$steps.<own id>.output` is its result, as `$output` is.
  // Built on first read, as the run's own `$steps` is: most assignments never look at it.
  let steps: ExpressionScope["steps"] | undefined;
  const withOwn = () => (steps ??= { ...scope.steps, [stepId]: { output: outcome.output } });
  const assignScope: ExpressionScope = {
    input: scope.input,
    get steps() {
      return withOwn();
    },
    vars: scope.vars,
    run: scope.run,
    extra: { output: outcome.output },
  };
  const entries = Object.entries(assign);
  for (let index = 0; index < entries.length; index++) {
    const [name, source] = entries[index]!;
    const value = evaluateTrivially(source, assignScope);
    if (value === notTrivial) return assignFrom(entries, index, assigned, assignScope);
    assigned[name] = value;
  }
  return assigned;
}

async function assignFrom(entries: [string, string][], from: number, assigned: Record<string, unknown>, scope: ExpressionScope): Promise<Assigned> {
  for (let index = from; index < entries.length; index++) {
    const [name, source] = entries[index]!;
    assigned[name] = await evaluateExpression(source, scope);
  }
  return assigned;
}
