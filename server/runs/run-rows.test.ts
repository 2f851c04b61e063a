import { describe, expect, it } from "vitest";
import { inQueueOrder, oneOf, parseJson } from "./run-rows";

describe("run rows", () => {
  it("orders steps by queue time, ties by the definition's order, never-queued steps last", () => {
    const at = new Date(1000);
    const steps = [
      { stepId: "add_one", queuedAt: at },
      { stepId: "never", queuedAt: null },
      { stepId: "double", queuedAt: at },
      { stepId: "first", queuedAt: new Date(999) },
    ];
    const definition = { steps: [{ id: "first" }, { id: "double" }, { id: "add_one" }, { id: "never" }] };
    expect(inQueueOrder(steps, definition).map((step) => step.stepId)).toEqual(["first", "double", "add_one", "never"]);
    expect(inQueueOrder(steps, null).map((step) => step.stepId)).toEqual(["first", "add_one", "double", "never"]);
  });

  it("parses JSON columns and refuses statuses outside the vocabulary", () => {
    expect(parseJson(null)).toBeNull();
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(oneOf(["a", "b"] as const, "b")).toBe("b");
    expect(() => oneOf(["a"] as const, "z")).toThrow('unknown status "z"');
  });
});
