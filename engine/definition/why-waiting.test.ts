import { describe, expect, it } from "vitest";
import type { StepStatus } from "./statuses";
import { whyWaiting, type WaitingStep } from "./why-waiting";

const now = new Date("2026-12-06T12:00:00.000Z");
const noop = (id: string) => ({ id, type: "noop", config: {} });
const step = (status: StepStatus, extra: Partial<WaitingStep> = {}): WaitingStep => ({ status, attempt: status === "pending" ? 0 : 1, wakeAt: null, ...extra });

describe("whyWaiting", () => {
  //  a ──▶ c
  //  b ──┘         a completed, b running, c pending
  const join = { steps: ["a", "b", "c"].map(noop), edges: [{ from: "a", to: "c" }, { from: "b", to: "c" }] };

  it("names the unfinished dependencies of a pending step", () => {
    const why = whyWaiting({ status: "running", definition: join, steps: { a: step("completed"), b: step("running"), c: step("pending") } }, now);
    expect(why.steps.c).toEqual({ kind: "dependencies", stepIds: ["b"], reason: 'waits for "b" to finish' });
    expect(why.steps.b).toEqual({ kind: "running", attempt: 1, reason: "running (attempt 1)" });
    expect(why.steps.a).toBeUndefined();
    expect(why.run).toEqual({ kind: "running", stepIds: ["b"], reason: 'running "b"' });
  });

  it("says a step after a failed one is blocked, and what the operator can do", () => {
    //  a ✗ ──▶ c ·      b ✓
    const why = whyWaiting(
      { status: "failed", error: { kind: "permanent", message: 'step "a" failed: boom' }, definition: join, steps: { a: step("failed", { error: { kind: "permanent", message: "boom" } }), b: step("completed"), c: step("pending") } },
      now,
    );
    expect(why.steps.c).toMatchObject({ kind: "blocked", stepIds: ["a"] });
    expect(why.steps.a).toMatchObject({ kind: "operator", reason: "failed: boom; waits for an operator to retry or resolve it, or to redrive the run" });
    expect(why.run).toMatchObject({ kind: "operator", stepIds: ["a"] });
    expect(why.run!.reason).toContain("redrive the run on a fixed version");
  });

  it("tells when a delay fires and when a retry starts", () => {
    //  wait (delay, 5 min left)      flaky (attempt 2 failed, retries in 30 s)
    const definition = { steps: [noop("wait"), noop("flaky")], edges: [] };
    const why = whyWaiting(
      {
        status: "running",
        definition,
        steps: {
          wait: step("waiting", { wakeAt: "2026-12-06T12:05:00.000Z", wait: { reason: "delay" } }),
          flaky: step("retrying", { attempt: 2, wakeAt: new Date("2026-12-06T12:00:30.000Z"), error: { kind: "transient", message: "503 from api" } }),
        },
      },
      now,
    );
    expect(why.steps.wait).toEqual({ kind: "timer", timer: "delay", until: "2026-12-06T12:05:00.000Z", reason: "delay fires at 2026-12-06 12:05:00 UTC (in 5 min)" });
    expect(why.steps.flaky).toEqual({
      kind: "timer",
      timer: "retry",
      until: "2026-12-06T12:00:30.000Z",
      attempt: 3,
      reason: "attempt 2 failed (503 from api); attempt 3 fires at 2026-12-06 12:00:30 UTC (in 30 s)",
    });
    expect(why.run).toMatchObject({ kind: "timer", stepIds: ["wait", "flaky"] });
  });

  it("says which role an approval waits for, with its message", () => {
    //  build ✓ ──▶ approve (waiting) ──▶ ship ·
    const definition = { steps: [noop("build"), noop("approve"), noop("ship")], edges: [{ from: "build", to: "approve" }, { from: "approve", to: "ship", branch: "approved" }] };
    const why = whyWaiting(
      { status: "running", definition, steps: { build: step("completed"), approve: step("waiting", { wait: { reason: "approval", message: "Ship it?" } }), ship: step("pending") } },
      now,
    );
    expect(why.steps.approve).toEqual({ kind: "approval", role: "editor", reason: "waits for an editor or owner of the team to approve or reject: “Ship it?”" });
    expect(why.steps.ship).toMatchObject({ kind: "dependencies", stepIds: ["approve"] });
    expect(why.run).toMatchObject({ kind: "approval", stepIds: ["approve"] });
  });

  it("reports a run's concurrency limit for a queued step", () => {
    //  a (running)   b (queued)     maxParallel 1
    const definition = { steps: [noop("a"), noop("b")], edges: [], maxParallel: 1 };
    const why = whyWaiting({ status: "running", definition, steps: { a: step("running"), b: step("queued") } }, now);
    expect(why.steps.b).toEqual({ kind: "concurrency", reason: "waits for a free slot: the run's limit of 1 steps at once is reached" });
  });

  it("passes any other wait through by its reason and message (circuit breaker, lease…)", () => {
    const definition = { steps: [noop("call")], edges: [] };
    const wait = { reason: "breaker", message: "circuit open for api.example.com" };
    const why = whyWaiting({ status: "running", definition, steps: { call: step("waiting", { wakeAt: "2026-12-06T12:03:10.000Z", wait }) } }, now);
    expect(why.steps.call).toEqual({ kind: "breaker", until: "2026-12-06T12:03:10.000Z", reason: "circuit open for api.example.com until 2026-12-06 12:03:10 UTC" });
  });

  it("names an open circuit breaker from its event (waitingFor) or from the step's stored state (its key)", () => {
    const definition = { steps: [noop("call")], edges: [] };
    const wakeAt = "2026-12-06T12:03:10.000Z";
    const expected = { kind: "circuit open", until: wakeAt, reason: "circuit open for api.example.com until 2026-12-06 12:03:10 UTC" };
    const fromEvent = { reason: "circuit open", breaker: "api.example.com", waitingFor: "circuit open for api.example.com", wakeAt };
    expect(whyWaiting({ status: "running", definition, steps: { call: step("waiting", { wakeAt, wait: fromEvent }) } }, now).steps.call).toEqual(expected);
    const fromState = { reason: "circuit open", breaker: "api.example.com" };
    expect(whyWaiting({ status: "running", definition, steps: { call: step("waiting", { wakeAt, wait: fromState }) } }, now).steps.call).toEqual(expected);
  });

  it("has nothing to say about a completed or cancelled run, and a child-run wait counts its children", () => {
    const definition = { steps: [noop("fan")], edges: [] };
    expect(whyWaiting({ status: "completed", definition, steps: { fan: step("completed") } }, now)).toEqual({ run: null, steps: {} });
    expect(whyWaiting({ status: "running", definition, steps: { fan: step("waiting", { wait: { reason: "children", total: 3 } }) } }, now).steps.fan).toEqual({
      kind: "children",
      reason: "waits for 3 child runs to finish",
    });
    expect(whyWaiting({ status: "pending", definition, steps: {} }, now).run).toEqual({ kind: "not-started", reason: "the run has not started yet" });
  });
});
