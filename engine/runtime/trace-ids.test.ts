import { describe, expect, it } from "vitest";
import { callerSpanIdOf, parseTraceparent, traceIdOf, traceIdOfRun } from "./trace-ids";

const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
const span = "00f067aa0ba902b7";

describe("parseTraceparent", () => {
  it("accepts a W3C traceparent, in any case and with surrounding spaces, as lowercase version 00", () => {
    expect(parseTraceparent(`00-${trace}-${span}-01`)).toBe(`00-${trace}-${span}-01`);
    expect(parseTraceparent(` 00-${trace.toUpperCase()}-${span}-00 `)).toBe(`00-${trace}-${span}-00`);
  });

  it("reads a later version by its first four fields", () => {
    expect(parseTraceparent(`01-${trace}-${span}-01-what-comes-next`)).toBe(`00-${trace}-${span}-01`);
  });

  it.each([
    ["nothing", undefined],
    ["empty", ""],
    ["garbage", "traceparent please"],
    ["a short trace id", `00-${trace.slice(1)}-${span}-01`],
    ["an all-zero trace id", `00-${"0".repeat(32)}-${span}-01`],
    ["an all-zero span id", `00-${trace}-${"0".repeat(16)}-01`],
    ["version ff", `ff-${trace}-${span}-01`],
    ["version 00 with a fifth field", `00-${trace}-${span}-01-extra`],
    ["non-hex", `00-${"g".repeat(32)}-${span}-01`],
  ])("refuses %s", (_what, header) => {
    expect(parseTraceparent(header)).toBeNull();
  });
});

describe("the trace of a run", () => {
  it("is the caller's when the tree started with a traceparent, else derived from the root run", () => {
    expect(traceIdOfRun({ rootRunId: "r1", traceParent: `00-${trace}-${span}-01` })).toBe(trace);
    expect(traceIdOfRun({ rootRunId: "r1", traceParent: null })).toBe(traceIdOf("r1"));
  });

  it("hangs a top-level run under the caller's span, a child run under nobody's (its parent run's span, set by the tracer)", () => {
    expect(callerSpanIdOf({ parentRunId: null, traceParent: `00-${trace}-${span}-01` })).toBe(span);
    expect(callerSpanIdOf({ parentRunId: "parent", traceParent: `00-${trace}-${span}-01` })).toBeNull();
    expect(callerSpanIdOf({ parentRunId: null, traceParent: null })).toBeNull();
  });
});
