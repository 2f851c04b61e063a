import { describe, expect, it } from "vitest";
import { exceedsJsonDepth } from "./json-depth";

const bytes = (text: string) => new TextEncoder().encode(text);
const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);

describe("exceedsJsonDepth", () => {
  it("counts arrays and objects inside each other, up to the limit included", () => {
    expect(exceedsJsonDepth(bytes(nested(64)), 64)).toBe(false);
    expect(exceedsJsonDepth(bytes(nested(65)), 64)).toBe(true);
    expect(exceedsJsonDepth(bytes(`${'{"a":'.repeat(3)}1}}}`), 3)).toBe(false);
    expect(exceedsJsonDepth(bytes(`${'{"a":['.repeat(2)}1]}]}`), 3)).toBe(true);
  });

  it("counts depth, not how many containers there are", () => {
    expect(exceedsJsonDepth(bytes(JSON.stringify(Array.from({ length: 10_000 }, () => ({ a: [1] })))), 3)).toBe(false);
  });

  it("skips brackets inside strings, escaped quotes included", () => {
    expect(exceedsJsonDepth(bytes(JSON.stringify({ text: "[[[[[[{{{{", quoted: 'say "[[[[" \\ [' })), 2)).toBe(false);
    expect(exceedsJsonDepth(bytes(JSON.stringify(["\\", [[["x"]]]])), 3)).toBe(true);
  });

  it("reads multi-byte UTF-8 as it is", () => {
    expect(exceedsJsonDepth(bytes(JSON.stringify({ "é[": ["日本語 [[[", ["🙂"]] })), 3)).toBe(false);
  });

  it("scans 100,000 levels without recursion", () => {
    expect(exceedsJsonDepth(bytes(nested(100_000)), 64)).toBe(true);
    expect(exceedsJsonDepth(bytes(nested(100_000, '{"a":', "}")), 64)).toBe(true);
  });
});
