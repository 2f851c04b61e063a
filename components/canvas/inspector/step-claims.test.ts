import { describe, expect, it } from "vitest";
import { getStepSpec, validateDefinition, type Definition, type StepDefinition } from "@/engine/definition";
import { describeConfigSchema } from "./config-fields";
import { unclaimedIssues } from "./field-issues";
import { stepClaims } from "./step-claims";

const fieldsOf = (type: string) => describeConfigSchema(getStepSpec(type)!.configSchema);

describe("stepClaims", () => {
  it("claims every issue of a step that has a field, leaving step-wide ones", () => {
    const definition = {
      format: "orka/v1",
      name: "w",
      steps: [
        { id: "pick", type: "switch", config: { cases: [{ label: "default", expression: "true" }] } },
        { id: "keep", type: "noop", config: { output: "a b" }, assign: { total: "(" } },
        { id: "wait", type: "delay", config: { ms: 5, until: "$now()" } },
        { id: "call", type: "http", config: { url: "{{ }}", headers: { Authorization: "{{ ( }}" } } },
      ],
      edges: [],
    } as unknown as Definition;
    const { issues } = validateDefinition(definition);
    expect(issues.map((issue) => issue.path)).toEqual([
      "steps[0].config.cases[0].label",
      "steps[1].config.output",
      "steps[1].assign.total",
      "steps[2].config",
      "steps[3].config.url",
      "steps[3].config.headers.Authorization",
    ]);
    const unclaimed = definition.steps.flatMap((step, index) =>
      unclaimedIssues(
        issues.filter((issue) => issue.path.startsWith(`steps[${index}]`)),
        stepClaims(index, step, fieldsOf(step.type)),
      ),
    );
    expect(unclaimed.map((issue) => issue.path)).toEqual(["steps[2].config"]);
  });

  it("claims retry fields", () => {
    const step = { id: "a", type: "noop", config: {}, retry: { maxAttempts: 0 } } as unknown as StepDefinition;
    const definition = { format: "orka/v1", name: "w", steps: [step] };
    const { issues } = validateDefinition(definition);
    expect(issues.map((issue) => issue.path)).toEqual(["steps[0].retry.maxAttempts"]);
    expect(unclaimedIssues(issues, stepClaims(0, step, fieldsOf("noop")))).toEqual([]);
  });

  it("claims row, key and nested-definition paths", () => {
    const step = { id: "s", type: "switch", config: { cases: [{ label: "a", expression: "1" }] }, assign: { x: "1" } };
    const paths = stepClaims(3, step, fieldsOf("switch")).map((claim) => claim.path);
    expect(paths).toEqual(expect.arrayContaining(["steps[3].config.cases", "steps[3].config.cases[0]", "steps[3].config.cases[0].label", "steps[3].assign.x", "steps[3].retry.jitter"]));
    const map = stepClaims(0, { id: "m", type: "map", config: {} }, fieldsOf("map"));
    expect(map).toContainEqual({ path: "steps[0].config.definition", deep: true });
    expect(stepClaims(0, { id: "u", type: "nope", config: {} }, null)).toContainEqual({ path: "steps[0].config", deep: true });
  });
});
