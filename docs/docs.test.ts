import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, getStepSpec, stepTypes, validateDefinition } from "@/engine/definition";

// The format reference and its examples are read by people who copy them: they must stay valid
// as the schema changes.
const docs = import.meta.dirname;
const format = fs.readFileSync(path.join(docs, "format.md"), "utf8");
/** Every ```json block; a fragment such as `"assign": { … }` is read as the object it would sit in. */
const jsonBlocks = [...format.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => parseBlock(match[1]!));
const asDefinition = (step: unknown) => ({ format: "orka/v1", name: "snippet", steps: [step] });
const problems = (definition: unknown) => {
  const result = validateDefinition(definition);
  return result.ok ? [] : result.issues.map(formatIssue);
};

describe("docs/examples", () => {
  const examples = fs.readdirSync(path.join(docs, "examples")).filter((name) => name.endsWith(".json"));

  it("has examples", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)("%s is a valid definition", (name) => {
    expect(problems(JSON.parse(fs.readFileSync(path.join(docs, "examples", name), "utf8")))).toEqual([]);
  });
});

describe("docs/format.md", () => {
  const definitions = jsonBlocks.filter((block) => block.format === "orka/v1");
  const steps = jsonBlocks.filter((block) => typeof block.id === "string" && typeof block.type === "string");

  it("shows a full definition and an example of every step type", () => {
    expect(definitions.length).toBeGreaterThan(0);
    expect(new Set(steps.map((step) => step.type))).toEqual(new Set(stepTypes));
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))("definition %s is valid", (_name, definition) => {
    expect(problems(definition)).toEqual([]);
  });

  it.each(steps.map((step) => [step.id, step] as const))("step %s is valid", (_id, step) => {
    expect(problems(asDefinition(step))).toEqual([]);
  });

  it("documents every step type's config fields", () => {
    for (const type of stepTypes) {
      const section = format.split(`### \`${type}\`\n`)[1]?.split("\n### ")[0] ?? "";
      const shape = configShape(getStepSpec(type)!.configSchema);
      for (const field of Object.keys(shape)) expect(section, `${type}.${field}`).toContain(`| \`${field}\``);
    }
  });
});

function parseBlock(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return JSON.parse(`{${text}}`) as Record<string, unknown>;
  }
}

/** The top-level fields of a step config schema (an object, possibly wrapped in a refinement). */
function configShape(schema: unknown): Record<string, unknown> {
  const def = (schema as { _zod: { def: { type: string; shape?: Record<string, unknown>; in?: unknown; innerType?: unknown } } })._zod.def;
  if (def.shape) return def.shape;
  return configShape(def.in ?? def.innerType);
}
