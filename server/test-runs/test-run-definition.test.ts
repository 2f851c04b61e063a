import { describe, expect, it } from "vitest";
import { definitionSchema } from "@/engine/definition";
import { oneStepDefinition } from "./test-run-definition";

/**
 *   a ──▶ b ──▶ c
 *   x ──┘
 *   y (alone)
 */
const definition = definitionSchema.parse({
  format: "orka/v1",
  name: "shape",
  steps: ["a", "b", "c", "x", "y"].map((id) => ({ id, type: "noop" })),
  edges: [
    { from: "a", to: "b" },
    { from: "x", to: "b" },
    { from: "b", to: "c" },
  ],
  output: "$steps.c.output",
});

describe("oneStepDefinition", () => {
  it("keeps the step and everything it depends on, and makes the step's output the run's", () => {
    const only = oneStepDefinition(definition, "b");
    expect(only.steps.map((step) => step.id)).toEqual(["a", "b", "x"]);
    expect(only.edges).toEqual([
      { from: "a", to: "b" },
      { from: "x", to: "b" },
    ]);
    expect(only.output).toBe("$steps.b.output");
  });

  it("keeps a start step alone", () => {
    expect(oneStepDefinition(definition, "y").steps.map((step) => step.id)).toEqual(["y"]);
  });
});
