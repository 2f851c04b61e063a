import { describe, expect, it } from "vitest";
import { foldRunEvents } from "./fold-run-events";
import type { RunEvent } from "./run-events";

const at = new Date("2026-11-23T10:00:00.000Z");
let seq = 0;
const event = (type: RunEvent["type"], stepId: string | null, payload: Record<string, unknown> = {}): RunEvent => ({ runId: "r", seq: ++seq, type, stepId, payload, at });

describe("foldRunEvents", () => {
  seq = 0;
  const history = [
    event("run.started", null, { input: {} }),
    event("step.queued", "a", { attempt: 1 }),
    event("step.started", "a", { attempt: 1 }),
    event("step.retrying", "a", { attempt: 1, error: { kind: "transient", message: "down" }, wakeAt: "2026-11-23T10:00:01.000Z" }),
    event("step.queued", "a", { attempt: 2 }),
    event("step.started", "a", { attempt: 2 }),
    event("step.completed", "a", { output: 5, branch: null, vars: { seen: true } }),
    event("step.skipped", "b"),
    event("step.queued", "c", { attempt: 1 }),
    event("step.started", "c", { attempt: 1 }),
    event("step.failed", "c", { attempt: 1, error: { kind: "permanent", message: "no" } }),
    event("run.failed", null, { error: { kind: "permanent", message: 'step "c" failed: no' } }),
    event("run.resumed", null, { by: "ops" }),
    event("step.resolved", "c", { output: "manual", branch: null, by: "ops" }),
    event("run.completed", null, { output: { done: true } }),
  ];

  it("folds a history into the run's state", () => {
    const view = foldRunEvents(history, ["a", "b", "c", "d"]);
    expect(view).toMatchObject({ status: "completed", output: { done: true }, error: null, vars: { seen: true }, lastSeq: 15 });
    expect(view.steps.a).toMatchObject({ status: "completed", attempt: 2, output: 5, error: null });
    expect(view.steps.b!.status).toBe("skipped");
    expect(view.steps.c).toMatchObject({ status: "resolved", output: "manual", error: null });
    expect(view.steps.d).toMatchObject({ status: "pending", attempt: 0 });
  });

  it("shows intermediate states: retrying with the next try time, a failed run", () => {
    expect(foldRunEvents(history.slice(0, 4)).steps.a).toMatchObject({ status: "retrying", attempt: 1, wakeAt: "2026-11-23T10:00:01.000Z" });
    expect(foldRunEvents(history.slice(0, 12))).toMatchObject({ status: "failed", error: { kind: "permanent" } });
  });

  it("keeps what a step waits for while it waits, and forgets it once it moves on", () => {
    const breakerHistory = [
      event("step.started", "h", { attempt: 1 }),
      event("step.waiting", "h", { reason: "circuit open", breaker: "api.example.com", waitingFor: "circuit open for api.example.com", wakeAt: "2026-11-23T10:00:30.000Z" }),
      event("step.queued", "h", { attempt: 1 }),
    ];
    expect(foldRunEvents(breakerHistory.slice(0, 2)).steps.h).toMatchObject({ status: "waiting", waitingFor: "circuit open for api.example.com", wakeAt: "2026-11-23T10:00:30.000Z" });
    expect(foldRunEvents(breakerHistory).steps.h).toMatchObject({ status: "queued", waitingFor: null, wakeAt: null });
  });

  it("resumes from a previous view and ignores events it already folded", () => {
    const first = foldRunEvents(history.slice(0, 8));
    const resumed = foldRunEvents(history.slice(5), [], first); // overlaps seq 6–8
    expect(resumed).toEqual(foldRunEvents(history));
  });

  it("folds a redrive: removed steps leave, re-run and new ones start over, kept ones stay", () => {
    const failed = foldRunEvents(history.slice(0, 12), ["a", "b", "c"]);
    const redrive: RunEvent = {
      runId: "r", seq: 13, type: "run.redriven", stepId: null, at,
      payload: { fromVersionId: "v1", toVersionId: "v2", kept: ["a"], rerun: ["c"], added: ["d"], removed: ["b"], attempts: { c: 1, d: 0 } },
    };
    const view = foldRunEvents([redrive], [], failed);
    expect(view).toMatchObject({ status: "running", error: null, output: null });
    expect(view.steps.a).toMatchObject({ status: "completed", output: 5 });
    expect(view.steps.c).toMatchObject({ status: "pending", attempt: 1, error: null });
    expect(view.steps.d).toMatchObject({ status: "pending", attempt: 0 });
    expect(view.steps.b).toBeUndefined();
  });
});
