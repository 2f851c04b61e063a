import type { RetryPolicy } from "../definition/schema";
import type { ErrorKind, StepError } from "../definition/statuses";

/** Cut for a `Retry-After` delay when the step's policy names none. */
export const defaultMaxRetryAfterMs = 300_000;

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 1,
  backoff: "exponential",
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.2,
};

const retriedByDefault: readonly ErrorKind[] = ["transient", "timeout"];

/** Errors of the kinds in `retry.on` (default transient and timeout) are retried while attempts remain; cancelled never. */
export function shouldRetry(policy: RetryPolicy, error: StepError, attemptsUsed: number): boolean {
  const retried: readonly ErrorKind[] = policy.on ?? retriedByDefault;
  return error.kind !== "cancelled" && retried.includes(error.kind) && attemptsUsed < policy.maxAttempts;
}

/**
 * Delay before the next attempt: what the service asked for with `Retry-After` (cut to
 * `maxRetryAfterMs`, no jitter: it named a time), otherwise the policy's backoff.
 */
export function nextAttemptDelayMs(policy: RetryPolicy, error: StepError, attempt: number, random: () => number = Math.random): number {
  if (error.retryAfterMs !== undefined) return Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs ?? defaultMaxRetryAfterMs);
  return retryDelayMs(policy, attempt, random);
}

/**
 * Delay before the attempt after `attempt` (1-based): fixed, or doubling from `initialDelayMs`, capped
 * at `maxDelayMs`, then shortened by up to `jitter` of itself so retries of many runs spread out.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base =
    policy.backoff === "fixed" ? policy.initialDelayMs : policy.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(base, policy.maxDelayMs);
  return Math.round(capped * (1 - policy.jitter * random()));
}
