import { describe, expect, it } from "vitest";
import type { RunEvent } from "@/engine/definition";
import { timelineRows, timelineSpan } from "./timeline-bars";

let seq = 0;
const event = (type: RunEvent["type"], stepId: string | null, atMs: number, payload: Record<string, unknown> = {}): RunEvent => ({
  runId: "r", seq: ++seq, type, stepId, payload, at: new Date(atMs),
});

describe("timelineRows", () => {
  it("draws one bar per attempt, closed by the attempt's outcome, rows in first-start order", () => {
    const rows = timelineRows([
      event("run.started", null, 0),
      event("step.queued", "fetch", 0, { attempt: 1 }),
      event("step.started", "fetch", 10, { attempt: 1 }),
      event("step.retrying", "fetch", 30),
      event("step.started", "fetch", 130, { attempt: 2 }),
      event("step.completed", "fetch", 150),
      event("step.started", "store", 160, { attempt: 1 }),
    ]);
    expect(rows).toEqual([
      { stepId: "fetch", bars: [
        { attempt: 1, start: 10, end: 30, outcome: "retrying" },
        { attempt: 2, start: 130, end: 150, outcome: "completed" },
      ] },
      { stepId: "store", bars: [{ attempt: 1, start: 160, end: null, outcome: "running" }] },
    ]);
    expect(timelineSpan(rows, 200)).toEqual({ start: 10, end: 200 });
  });

  it("keeps an attempt open through a wait and closes it when the step completes", () => {
    const rows = timelineRows([
      event("step.started", "pause", 0, { attempt: 1 }),
      event("step.waiting", "pause", 5),
    ]);
    expect(rows[0]!.bars).toEqual([{ attempt: 1, start: 0, end: null, outcome: "waiting" }]);
    const done = timelineRows([
      event("step.started", "pause", 0, { attempt: 1 }),
      event("step.waiting", "pause", 5),
      event("step.completed", "pause", 1000),
    ]);
    expect(done[0]!.bars).toEqual([{ attempt: 1, start: 0, end: 1000, outcome: "completed" }]);
  });

  it("has nothing to draw before any step started", () => {
    expect(timelineSpan(timelineRows([event("run.started", null, 0)]), 5)).toBeNull();
  });
});
