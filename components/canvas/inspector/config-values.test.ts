import { describe, expect, it } from "vitest";
import { getIn, joinPath, moveItem, parseNumberText, setIn } from "./config-values";

describe("setIn", () => {
  const config = { method: "GET", cases: [{ label: "a", expression: "true" }, { label: "b", expression: "false" }] };

  it("replaces a nested value without touching the original", () => {
    const next = setIn(config, ["cases", 1, "label"], "c");
    expect(next.cases[1]).toEqual({ label: "c", expression: "false" });
    expect(config.cases[1]!.label).toBe("b");
    expect(next.cases[0]).toBe(config.cases[0]);
  });

  it("removes a key set to undefined", () => {
    expect(setIn(config, ["method"], undefined)).toEqual({ cases: config.cases });
    expect("method" in setIn(config, ["method"], undefined)).toBe(false);
  });

  it("creates missing containers", () => {
    expect(setIn({}, ["retry", "maxAttempts"], 3)).toEqual({ retry: { maxAttempts: 3 } });
  });
});

describe("helpers", () => {
  it("reads nested values", () => expect(getIn({ a: [{ b: 2 }] }, ["a", 0, "b"])).toBe(2));

  it("joins paths like validation issues", () => {
    expect(joinPath("steps[2].config", ["cases", 1, "label"])).toBe("steps[2].config.cases[1].label");
    expect(joinPath("", ["output"])).toBe("output");
  });

  it("parses number text", () => {
    expect(parseNumberText(" 42 ")).toBe(42);
    expect(parseNumberText("0.5")).toBe(0.5);
    expect(parseNumberText("")).toBeUndefined();
    expect(parseNumberText("1e")).toBe("invalid");
    expect(parseNumberText("-")).toBe("invalid");
  });

  it("moves items and ignores moves past the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });
});
