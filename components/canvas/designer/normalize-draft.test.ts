import { describe, expect, it } from "vitest";
import { normalizeDraft } from "./normalize-draft";

describe("normalizeDraft", () => {
  it("keeps a well-formed draft as it is", () => {
    const draft = { format: "orka/v1", name: "x", namespace: "default", steps: [{ id: "a", type: "noop" }], edges: [], output: "$" };
    expect(normalizeDraft(draft, "fallback")).toEqual(draft);
  });

  it("gives a broken draft arrays to draw and keeps the rest for validation to report", () => {
    expect(normalizeDraft({ steps: "nope", edges: [1, { from: "a", to: "b" }], extra: true }, "fallback")).toEqual({
      format: "orka/v1",
      name: "fallback",
      steps: [],
      edges: [{ from: "a", to: "b" }],
      extra: true,
    });
    expect(normalizeDraft(null, "n").steps).toEqual([]);
  });
});
