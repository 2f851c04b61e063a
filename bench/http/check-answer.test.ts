import { describe, expect, it } from "vitest";
import { checkAnswer, expectationsFor, orkaCompletion } from "./check-answer";
import { workloadSpecSchema } from "./workload-spec";

// A W4-like spec, small enough to read: route a sets a1, route b sets b1.
const spec = workloadSpecSchema.parse({
  id: "W9",
  description: "test",
  trigger: { method: "POST", path: "w9" },
  steps: [
    { id: "if", op: "if", field: "route", equals: "a" },
    { id: "a1", op: "set", field: "a1", value: 1 },
    { id: "b1", op: "set", field: "b1", value: "one" },
    { id: "z", op: "set", field: "z", value: true },
  ],
  edges: [],
  expect: { always: { z: true }, whenRoute: { a: { a1: 1 }, b: { b1: "one" } }, absentWhenRoute: { a: ["b1"], b: ["a1"] } },
});
const answer = (body: unknown, statusCode = 200) => ({ statusCode, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("checkAnswer", () => {
  it("accepts the expected fields at the top level or one level down", () => {
    expect(checkAnswer(answer({ z: true, a1: 1 }), spec, "a", null)).toBeNull();
    expect(checkAnswer(answer({ status: "completed", output: { z: true, b1: "one" } }), spec, "b", orkaCompletion)).toBeNull();
  });

  it("refuses a missing field, a wrong value and a field of the other route", () => {
    expect(checkAnswer(answer({ output: { a1: 1 } }), spec, "a", null)).toBe("field z missing");
    expect(checkAnswer(answer({ output: { z: true, a1: 2 } }), spec, "a", null)).toBe("field a1 is 2, expected 1");
    expect(checkAnswer(answer({ output: { z: true, a1: 1, b1: "one" } }), spec, "a", null)).toBe("field b1 present on route a");
  });

  it("refuses fields two levels down", () => {
    expect(checkAnswer(answer({ data: { output: { z: true, a1: 1 } } }), spec, "a", null)).toBe("field z missing");
  });

  it("refuses anything but a 200 with a JSON object", () => {
    expect(checkAnswer(answer({ z: true, a1: 1 }, 202), spec, "a", null)).toBe("HTTP 202 (not finished within the wait)");
    expect(checkAnswer(answer("oops", 500), spec, "a", null)).toBe("HTTP 500");
    expect(checkAnswer(answer("not json"), spec, "a", null)).toBe("answer is not JSON");
    expect(checkAnswer(answer([1, 2]), spec, "a", null)).toBe("answer is not a JSON object");
  });

  it("applies the tool's completion check before the fields (Orka: status completed)", () => {
    expect(checkAnswer(answer({ status: "failed", output: { z: true, a1: 1 } }), spec, "a", orkaCompletion)).toBe("run failed");
    expect(checkAnswer(answer({ output: { z: true, a1: 1 } }), spec, "a", orkaCompletion)).toBe("run status missing");
  });
});

describe("expectationsFor", () => {
  it("merges the fields always expected with the route's, and lists the route's absent ones", () => {
    expect(expectationsFor(spec, "b")).toEqual({ present: { z: true, b1: "one" }, absent: ["a1"] });
  });
});
