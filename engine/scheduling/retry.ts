import type { RetryPolicy } from "../definition/schema";
import type { StepError } from "../definition/statuses";

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 1,
  backoff: "exponential",
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.2,
};

/** Only transient errors and timeouts are retried, and only while attempts remain. */
export function shouldRetry(policy: RetryPolicy, error: StepError, attemptsUsed: number): boolean {
  return (error.kind === "transient" || error.kind === "timeout") && attemptsUsed < policy.maxAttempts;
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
