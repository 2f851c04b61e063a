import { describe, expect, it } from "vitest";
import { runStatuses, stepStatuses, type RunStatus, type StepStatus } from "../definition/statuses";
import { assertRunTransition, assertStepTransition, canTransitionRun, canTransitionStep, IllegalTransitionError } from "./transitions";

// The state machines of docs/format.md ("Run and step states"), written out independently of the implementation's table.
const allowedRun = new Set([
  "pending>running",
  "pending>cancelled",
  "running>completed",
  "running>failed",
  "running>cancelled",
  "failed>running",
  "failed>cancelled",
  "cancelled>running", // redrive
]);

const allowedStep = new Set([
  "pending>queued",
  "pending>skipped",
  "pending>cancelled",
  "queued>running",
  "queued>skipped",
  "queued>cancelled",
  "running>completed",
  "running>retrying",
  "running>failed",
  "running>waiting",
  "running>queued",
  "running>cancelled",
  "retrying>queued",
  "retrying>cancelled",
  "waiting>completed",
  "waiting>resolved",
  "waiting>failed",
  "waiting>queued",
  "waiting>cancelled",
  "failed>resolved",
  "failed>queued",
]);

describe("run state machine", () => {
  for (const from of runStatuses) {
    for (const to of runStatuses) {
      const allowed = allowedRun.has(`${from}>${to}`);
      it(`${from} → ${to} is ${allowed ? "allowed" : "rejected"}`, () => {
        expect(canTransitionRun(from as RunStatus, to as RunStatus)).toBe(allowed);
        if (allowed) expect(() => assertRunTransition(from, to, "r1")).not.toThrow();
        else expect(() => assertRunTransition(from, to, "r1")).toThrow(IllegalTransitionError);
      });
    }
  }
});

describe("step state machine", () => {
  for (const from of stepStatuses) {
    for (const to of stepStatuses) {
      const allowed = allowedStep.has(`${from}>${to}`);
      it(`${from} → ${to} is ${allowed ? "allowed" : "rejected"}`, () => {
        expect(canTransitionStep(from as StepStatus, to as StepStatus)).toBe(allowed);
        if (allowed) expect(() => assertStepTransition(from, to, "r1/s")).not.toThrow();
        else expect(() => assertStepTransition(from, to, "r1/s")).toThrow(`illegal step transition ${from} → ${to} (r1/s)`);
      });
    }
  }

  it("has no way out of a terminal status", () => {
    for (const terminal of ["completed", "skipped", "resolved", "cancelled"] as const)
      for (const to of stepStatuses) expect(canTransitionStep(terminal, to)).toBe(false);
  });
});
