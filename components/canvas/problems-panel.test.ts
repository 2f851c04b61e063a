import { describe, expect, it } from "vitest";
import type { Definition } from "@/engine/definition";
import { problemTarget } from "./problems-panel";

const definition: Pick<Definition, "steps" | "edges"> = {
  steps: [
    { id: "a", type: "noop", config: {} },
    { id: "b", type: "http", config: {} },
  ],
  edges: [{ from: "a", to: "b", branch: "x" }],
};

describe("problemTarget", () => {
  it("finds the step of a step problem, the source of an edge problem, and the workflow otherwise", () => {
    expect(problemTarget(definition, { path: "steps[1].config.url", message: "required" })).toEqual({ stepId: "b", path: "steps[1].config.url" });
    expect(problemTarget(definition, { path: "steps[10]", message: "x" })).toEqual({ stepId: null, path: "steps[10]" });
    expect(problemTarget(definition, { path: "edges[0].branch", message: "x" })).toEqual({ stepId: "a", path: "edges[0].branch" });
    expect(problemTarget(definition, { path: "output", message: "x" })).toEqual({ stepId: null, path: "output" });
  });
});
