import { describe, expect, it } from "vitest";
import type { StepView } from "@/engine/definition";
import { childRollup, stepRunLabel, timeAgo } from "./step-run-label";

const view = (patch: Partial<StepView>): StepView => ({
  status: "pending", attempt: 0, output: null, error: null, branch: null, startedAt: null, finishedAt: null, wakeAt: null, ...patch,
});
const at = (iso: string) => iso.slice(11, 19);

describe("stepRunLabel", () => {
  it("shows a retry's next attempt out of the policy's maximum and when it runs", () => {
    const step = { type: "http", retry: { maxAttempts: 3, backoff: "fixed" as const, initialDelayMs: 10, maxDelayMs: 10, jitter: 0 } };
    expect(stepRunLabel(step, view({ status: "retrying", attempt: 1, wakeAt: "2026-11-23T10:00:05.000Z" }), at)).toBe("retrying · attempt 2/3 at 10:00:05");
    expect(stepRunLabel(step, view({ status: "running", attempt: 2 }), at)).toBe("running · attempt 2/3");
  });

  it("says what a wait is for, the class of a failure, and a manual resolution", () => {
    expect(stepRunLabel({ type: "approval" }, view({ status: "waiting" }))).toBe("waiting · for approval");
    expect(stepRunLabel({ type: "delay" }, view({ status: "waiting", wakeAt: "2026-11-23T10:00:05.000Z" }), at)).toBe("waiting · until 10:00:05");
    expect(stepRunLabel({ type: "map" }, view({ status: "waiting" }))).toBe("waiting · for child runs");
    const circuit = view({ status: "waiting", waitingFor: "circuit open for api.example.com", wakeAt: "2026-11-23T12:03:10.000Z" });
    expect(stepRunLabel({ type: "http" }, circuit, at)).toBe("waiting · circuit open for api.example.com until 12:03:10");
    expect(stepRunLabel({ type: "code" }, view({ status: "failed", error: { kind: "permanent", message: "x" } }))).toBe("failed · permanent");
    expect(stepRunLabel({ type: "code" }, view({ status: "resolved" }))).toBe("resolved manually");
    expect(stepRunLabel({ type: "code" }, view({ status: "failed", branch: "error", error: { kind: "timeout", message: "x" } }))).toBe("failed · timeout → error branch");
    expect(stepRunLabel({ type: "code", optional: true }, view({ status: "failed", error: { kind: "permanent", message: "x" } }))).toBe("failed · permanent · optional");
    expect(stepRunLabel({ type: "code" }, view({ status: "completed" }))).toBe("completed");
  });

  it("says a step that never started will not run once the run has ended", () => {
    expect(stepRunLabel({ type: "noop" }, view({ status: "pending" }))).toBe("pending");
    expect(stepRunLabel({ type: "noop" }, view({ status: "pending" }), at, true)).toBe("not run");
    expect(stepRunLabel({ type: "noop" }, view({ status: "skipped" }), at, true)).toBe("skipped");
  });
});

describe("timeAgo and cached steps", () => {
  it("says how long ago, coarsely, and a cached step's source", () => {
    const now = Date.parse("2026-12-06T12:00:00.000Z");
    expect(timeAgo("2026-12-06T11:59:30.000Z", now)).toBe("just now");
    expect(timeAgo("2026-12-06T11:48:00.000Z", now)).toBe("12 min ago");
    expect(timeAgo("2026-12-06T09:00:00.000Z", now)).toBe("3 h ago");
    expect(stepRunLabel({ type: "code" }, view({ status: "completed", cachedFrom: { runId: "r_1", at: new Date().toISOString() } }))).toBe("completed · from cache (run r_1, just now)");
  });
});

describe("childRollup", () => {
  it("sums a step's children by outcome and ignores other steps' children", () => {
    const children = [
      { parentStepId: "each", status: "completed" },
      { parentStepId: "each", status: "completed" },
      { parentStepId: "each", status: "failed" },
      { parentStepId: "each", status: "running" },
      { parentStepId: "other", status: "completed" },
    ];
    expect(childRollup(children, "each")).toBe("2/4 children done, 1 failed");
    expect(childRollup(children, "other")).toBe("1/1 child done");
    expect(childRollup(children, "none")).toBeNull();
  });
});
