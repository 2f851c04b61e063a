import { describe, expect, it } from "vitest";
import { validateDefinition } from "@/engine/definition/validate";
import { exampleDefinitions } from "./index";

const examples = Object.entries(exampleDefinitions);

describe("built-in examples", () => {
  it.each(examples)("%s is a valid orka/v1 definition", (_key, definition) => {
    const result = validateDefinition(definition);
    expect(result.issues).toEqual([]);
  });

  it.each(examples)("%s declares an input schema and an output expression", (_key, definition) => {
    expect(definition.input).toMatchObject({ type: expect.any(String) });
    expect(definition.output).toEqual(expect.any(String));
  });

  it.each(examples)("%s lays its steps out left to right in 240 px columns", (_key, definition) => {
    for (const step of definition.steps) {
      expect(step.position.x % 240, step.id).toBe(0);
    }
  });

  it("have distinct names, so the seed can install them side by side", () => {
    const names = examples.map(([, definition]) => `${definition.namespace}/${definition.name}`);
    expect(new Set(names).size).toBe(names.length);
  });
});
