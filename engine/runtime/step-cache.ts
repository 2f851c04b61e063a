import { createHash } from "node:crypto";
import { parseDuration } from "../definition/duration";
import { limits } from "../definition/limits";
import type { ExpressionScope } from "../expressions/evaluate";
import { evaluateExpression } from "../expressions/evaluate";
import type { RunStore, StepCacheEntry, StepCacheKey } from "../ports/run-store";
import type { RunContext } from "./run-context";
import { unstorable } from "./storable";

/** Where a cached output came from, as the `step.completed` event and the run view tell it. */
export interface CachedFrom {
  runId: string;
  at: string;
}

/**
 * The cache key of a step about to run: the hash of its type and config with the evaluated
 * `cache.key`, or without one with everything its expressions can see (`$input`, `$vars`, the
 * outputs of the steps finished before it). Editing the step's config therefore starts afresh.
 */
export async function stepCacheKey(context: RunContext, stepId: string, scope: ExpressionScope): Promise<StepCacheKey> {
  const step = context.stepsById.get(stepId)!;
  const keyed = step.cache!.key;
  const inputs = keyed === undefined ? { input: scope.input, vars: scope.vars, steps: context.stepOutputs() } : { key: await evaluateExpression(keyed, scope) };
  const keyHash = createHash("sha256").update(canonicalJson({ type: step.type, config: step.config, ...inputs })).digest("hex");
  return { teamId: context.run.teamId ?? "", workflowKey: context.run.workflowId ?? `name:${context.definition.name}`, stepId, keyHash };
}

/** The cached output for `key`, unexpired at `now`. Only steps that declare `cache` get here: the hot path of others reads nothing. */
export function readCachedOutput(store: Pick<RunStore, "readStepCache">, key: StepCacheKey, now: Date): Promise<StepCacheEntry | null> {
  return store.readStepCache(key, now);
}

/** The entry to write with a completion, or null when the output is over the size cap. */
export function cacheEntryFor(context: RunContext, key: StepCacheKey, output: unknown, now: Date): StepCacheEntry | null {
  if (unstorable(output, limits.stepCacheOutputBytes)) return null;
  const ttlMs = parseDuration(context.stepsById.get(key.stepId)!.cache!.ttl)!;
  return { ...key, output, sourceRunId: context.id, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) };
}

/** JSON with object keys sorted, so equal values hash equally whatever order their keys were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
