import { limits } from "../definition/limits";
import type { StepError } from "../definition/statuses";
import { classifyError, PermanentError, TimeoutError } from "../errors";
import { evaluateExpression, type ExpressionScope } from "../expressions/evaluate";
import type { StepRunRow } from "../ports/run-store";
import { resolveSecrets, type SecretResolver } from "../ports/secret-resolver";
import type { WorkflowResolver } from "../ports/workflow-resolver";
import type { Sandbox } from "../sandbox/index";
import type { HttpFetch } from "../steps/http/guarded-fetch";
import type { StepOutcome } from "../steps/handler";
import type { StepRegistry } from "../steps/step-registry";
import type { RunContext } from "./run-context";
import { unstorable } from "./storable";

/** What handlers may use beyond their step: the engine's ports and clock. */
export interface HandlerEnvironment {
  sandbox: Sandbox;
  fetch: HttpFetch;
  resolver: WorkflowResolver;
  secrets: SecretResolver;
  now: () => Date;
  steps: StepRegistry;
}

export type HandlerResult = ({ outcome: StepOutcome; assigned: Record<string, unknown> | null } | { error: StepError }) & {
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
    const handling = handler.run({
      runId: context.id,
      teamId: context.run.teamId,
      step,
      config: context.config(stepId, spec.configSchema) as never, // parsed by this type's own schema
      attempt: row.attempt,
      idempotencyKey: `${context.id}:${stepId}:${row.attempt}`,
      scope,
      signal: controller.signal,
      timeoutMs,
      now: environment.now,
      sandbox: environment.sandbox,
      fetch: environment.fetch,
      resolver: environment.resolver,
      steps: environment.steps,
      secrets: (names: readonly string[]) => resolveSecrets(environment.secrets, context.run.teamId, names),
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
    return withDetail({ outcome, assigned: await assign(context, stepId, outcome, scope) });
  } catch (error) {
    return withDetail({ error: classifyError(error) });
  } finally {
    clearTimeout(timer);
  }
}

async function assign(context: RunContext, stepId: string, outcome: StepOutcome, scope: ExpressionScope) {
  if (outcome.type !== "complete" && outcome.type !== "stop") return null;
  const refusal = unstorable(outcome.output, limits.stepOutputBytes);
  if (refusal) throw new PermanentError(refusal);
  const assign = context.stepsById.get(stepId)!.assign;
  if (!assign) return null;
  const assigned: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(assign))
    assigned[name] = await evaluateExpression(source, { ...scope, extra: { output: outcome.output } });
  return assigned;
}
