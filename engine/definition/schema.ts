import { z } from "zod";
import { durationPattern, parseDuration } from "./duration";
import { expression } from "./fields";
import { limits } from "./limits";
import { retriableErrorKinds } from "./statuses";

export const stepIdPattern = /^[a-z][a-z0-9_]{0,63}$/;
const stepIdSchema = z.string().regex(stepIdPattern, "an id is lowercase letters, digits and _, starting with a letter (at most 64)");

/** Retry policy as typed data (defaults: one attempt, exponential backoff from 1 s up to 60 s). */
export const retryPolicySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(100).default(1),
  backoff: z.enum(["fixed", "exponential"]).default("exponential"),
  initialDelayMs: z.number().int().min(0).max(86_400_000).default(1000),
  maxDelayMs: z.number().int().min(0).max(86_400_000).default(60_000),
  /** Fraction of each delay randomised, 0 (none) to 1 (full jitter). */
  jitter: z.number().min(0).max(1).default(0.2),
  /** Longest delay a `Retry-After` answer (429/503) may set for the next attempt (default 300,000 = 5 min); longer asks are cut to it. */
  maxRetryAfterMs: z.number().int().min(0).max(86_400_000).optional(),
  /** Error kinds that are retried; default `["transient", "timeout"]`. */
  on: z.array(z.enum(retriableErrorKinds)).min(1, "list at least one error kind").optional(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

/**
 * Circuit breaker settings: after `failures` transient or timed-out attempts in a row, all within
 * `windowMs`, the breaker opens for `coolDownMs`; then one trial attempt decides between closed and open again.
 */
export const breakerSettingsSchema = z.strictObject({
  /** Steps with the same key share one breaker per team; default for `http` steps: the URL's host. */
  key: z.string().trim().min(1, "key is empty").max(200).optional(),
  failures: z.number().int().min(1).max(1000).default(5),
  windowMs: z.number().int().min(1000).max(86_400_000).default(60_000),
  coolDownMs: z.number().int().min(100).max(86_400_000).default(30_000),
  /** `false` turns off the default breaker of an `http` step. */
  enabled: z.boolean().default(true),
});
export type BreakerSettings = z.infer<typeof breakerSettingsSchema>;

/**
 * Reuse of a completed output by later runs: stored by (team, workflow, step, hash of the evaluated
 * `key`, or without one of the step's config and everything its expressions see), for `ttl`.
 */
export const stepCacheSchema = z.strictObject({
  key: expression().optional(),
  ttl: z
    .string()
    .regex(durationPattern, 'ttl is a duration such as "90s", "15m", "1h" or "7d"')
    .refine((ttl) => (parseDuration(ttl) ?? 0) <= limits.stepCacheTtlMs, `ttl is at most ${limits.stepCacheTtlMs / 86_400_000} days`),
});
export type StepCache = z.infer<typeof stepCacheSchema>;

const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });
/** Free-form data kept verbatim on import/export (the only place unknown content is allowed). */
const metadataSchema = z.record(z.string(), z.unknown());

export const stepSchema = z.strictObject({
  id: stepIdSchema,
  /** Checked against the step registry by `validateDefinition`, so one unknown type hides no other problem. */
  type: z.string().min(1, "type is empty").max(64),
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  /** Checked against the step type's own schema by `validateDefinition`. */
  config: z.record(z.string(), z.unknown()).default({}),
  retry: retryPolicySchema.optional(),
  timeoutMs: z.number().int().min(1).max(86_400_000).optional(),
  /** A circuit breaker shared by every step of the team with the same key (`http` steps have one by default, keyed by host). */
  breaker: breakerSettingsSchema.optional(),
  /** `$vars` written on completion: name → JSONata over the step's result (`$output`, also `$steps.<own id>.output`). */
  assign: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a variable name is an identifier"), expression()).optional(),
  /**
   * When the step fails permanently (after its retries) the run still completes: the step stays
   * `failed`, its dependents run with its output `null` (unless an `error` edge leaves it).
   */
  optional: z.boolean().optional(),
  cache: stepCacheSchema.optional(),
  position: positionSchema.optional(),
  metadata: metadataSchema.optional(),
});
export type StepDefinition = z.infer<typeof stepSchema>;

/** The branch of an edge taken when its source fails permanently; no step type may produce it. */
export const errorBranch = "error";

export const edgeSchema = z.strictObject({
  from: stepIdSchema,
  to: stepIdSchema,
  branch: z.string().min(1).max(64).optional(),
});
export type EdgeDefinition = z.infer<typeof edgeSchema>;

export const definitionSchema = z.strictObject({
  format: z.literal("orka/v1", { error: 'format must be "orka/v1"' }),
  name: z.string().min(1, "name is empty").max(200),
  /** Display name ("Order sync"): shown where people read the workflow; `name` stays the identifier. */
  title: z.string().max(200).optional(),
  namespace: z.string().min(1).max(100).default("default"),
  description: z.string().max(10_000).optional(),
  /** JSON Schema of the run input. */
  input: z.record(z.string(), z.unknown()).optional(),
  steps: z.array(stepSchema).max(limits.steps, `at most ${limits.steps} steps are allowed`),
  edges: z.array(edgeSchema).max(limits.edges, `at most ${limits.edges} edges are allowed`).default([]),
  output: expression().optional(),
  maxParallel: z.number().int().min(1).max(256).default(limits.defaultMaxParallel),
  metadata: metadataSchema.optional(),
});
export type Definition = z.infer<typeof definitionSchema>;
