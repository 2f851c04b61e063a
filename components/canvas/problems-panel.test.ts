import { describe, expect, it } from "vitest";
import type { Definition } from "@/engine/definition";
import { problemPlace, problemTarget } from "./problems-panel";

const definition: Pick<Definition, "steps" | "edges"> = {
  steps: [
    { id: "a", type: "noop", config: {} },
    { id: "b", type: "http", name: "Prepare order", config: {} },
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

describe("problemPlace", () => {
  it("names the step by its display name (else its id), the edge by its ends, and the field without config", () => {
    expect(problemPlace(definition, "steps[1].config.expression")).toBe("Prepare order › expression");
    expect(problemPlace(definition, "steps[0].config.headers.Accept")).toBe("a › headers › Accept");
    expect(problemPlace(definition, "steps[1].config.items[0].url")).toBe("Prepare order › items › #1 › url");
    expect(problemPlace(definition, "steps[1].assign.total")).toBe("Prepare order › assign › total");
    expect(problemPlace(definition, "edges[0].branch")).toBe("Edge a → b › branch");
    expect(problemPlace(definition, "output")).toBe("Workflow › output");
    expect(problemPlace(definition, "")).toBe("Workflow");
  });
});
