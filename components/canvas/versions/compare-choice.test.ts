import { describe, expect, it } from "vitest";
import { defaultComparison, keepChoice, sideLabel } from "./compare-choice";

describe("defaultComparison", () => {
  it("compares the previous version with the latest", () => {
    expect(defaultComparison([5, 4, 2, 1])).toEqual({ from: 4, to: 5 });
  });

  it("offers nothing with fewer than two versions", () => {
    expect(defaultComparison([1])).toBeNull();
    expect(defaultComparison([])).toBeNull();
  });
});

describe("keepChoice", () => {
  it("keeps a choice that still exists and falls back otherwise", () => {
    expect(keepChoice(2, [3, 2, 1], 3)).toBe(2);
    expect(keepChoice(9, [3, 2, 1], 3)).toBe(3);
    expect(keepChoice(null, [3, 2, 1], 2)).toBe(2);
  });
});

describe("sideLabel", () => {
  it("names a version or the draft", () => {
    expect(sideLabel(3)).toBe("version 3");
    expect(sideLabel("draft")).toBe("the draft");
  });
});
