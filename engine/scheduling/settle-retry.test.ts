import { describe, expect, it } from "vitest";
import type { StepStatus } from "../definition/statuses";
import { defaultRetryPolicy, retryDelayMs, shouldRetry } from "./retry";
import { settleRun } from "./settle";

const statuses = (map: Record<string, StepStatus>) => Object.entries(map).map(([id, status]) => [id, { status }] as [string, { status: StepStatus }]);

describe("settleRun", () => {
  it("is progressing while anything is queued, running or retrying", () => {
    for (const active of ["queued", "running", "retrying"] as const)
      expect(settleRun(statuses({ a: "failed", b: active }))).toEqual({ kind: "progressing" });
  });
  it("waits while a step waits", () => {
    expect(settleRun(statuses({ a: "completed", b: "waiting", c: "pending" }))).toEqual({ kind: "waiting" });
  });
  it("fails when a step failed and nothing else can run (fault isolation lets others finish first)", () => {
    expect(settleRun(statuses({ a: "failed", b: "pending", c: "completed" }))).toEqual({ kind: "failed", failedSteps: ["a"] });
  });
  it("completes when every step completed, was skipped, resolved or cancelled", () => {
    expect(settleRun(statuses({ a: "completed", b: "skipped", c: "resolved", d: "cancelled" }))).toEqual({ kind: "completed" });
  });
});

describe("retry policy", () => {
  const policy = { ...defaultRetryPolicy, maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 500, jitter: 0 };

  it("retries transient errors and timeouts while attempts remain, never permanent or cancelled", () => {
    expect(shouldRetry(policy, { kind: "transient", message: "" }, 1)).toBe(true);
    expect(shouldRetry(policy, { kind: "timeout", message: "" }, 3)).toBe(true);
    expect(shouldRetry(policy, { kind: "transient", message: "" }, 4)).toBe(false);
    expect(shouldRetry(policy, { kind: "permanent", message: "" }, 1)).toBe(false);
    expect(shouldRetry(policy, { kind: "cancelled", message: "" }, 1)).toBe(false);
  });

  it("doubles exponential delays up to the cap", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(policy, attempt))).toEqual([100, 200, 400, 500, 500]);
  });

  it("keeps fixed delays fixed", () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs({ ...policy, backoff: "fixed" }, attempt))).toEqual([100, 100, 100]);
  });

  it("shortens delays by at most the jitter fraction", () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(retryDelayMs(jittered, 1, () => 0)).toBe(100);
    expect(retryDelayMs(jittered, 1, () => 0.999)).toBe(50);
    expect(retryDelayMs(jittered, 2, () => 0.5)).toBe(150);
  });
});
