import { describe, expect, it } from "vitest";
import { canonicalJson, sameDefinition } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 1] })).toBe('{"a":[{"c":3,"d":2},1],"b":1}');
  });

  it("tells a reordered definition apart from a changed one", () => {
    const published = { format: "orka/v1", steps: [{ id: "a", type: "noop" }], edges: [] };
    expect(sameDefinition(published, { edges: [], steps: [{ type: "noop", id: "a" }], format: "orka/v1" })).toBe(true);
    expect(sameDefinition(published, { ...published, steps: [{ id: "a", type: "noop", position: { x: 1, y: 0 } }] })).toBe(false);
  });
});
