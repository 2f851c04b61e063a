import { describe, expect, it } from "vitest";
import { unstorable } from "./storable";

const nested = (levels: number) => {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { again: value };
  return value;
};

describe("unstorable", () => {
  it("accepts JSON within the size and nesting limits, brackets inside strings included", () => {
    expect(unstorable({ a: [1, "x"], b: null }, 100)).toBeNull();
    expect(unstorable(undefined, 100)).toBeNull();
    expect(unstorable(nested(1_000), 1_000_000)).toBeNull();
    expect(unstorable({ text: "[[[[{{{{".repeat(1_000) }, 1_000_000)).toBeNull();
  });

  it("refuses an output over the size limit", () => {
    expect(unstorable("x".repeat(20), 10)).toBe("output is 22 bytes; the limit is 10");
  });

  it("refuses nesting deeper than 1,000 levels, and nesting too deep for JSON.stringify itself", () => {
    expect(unstorable(nested(1_001), 1_000_000)).toBe("output is nested more than 1000 levels deep");
    expect(unstorable(nested(100_000), 10_000_000)).toBe("output is nested too deeply to store (the limit is 1000 levels)");
  });

  it("refuses what is not JSON", () => {
    expect(unstorable(() => 1, 100)).toBe("output is not JSON");
    expect(unstorable({ big: 1n }, 100)).toMatch(/^output is not JSON: /);
  });
});
