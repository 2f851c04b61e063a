import { describe, expect, it } from "vitest";
import { validateDefinition, type ValidationOptions } from "./validate";
import { refersToWorkflow } from "./workflow-reference";

const issuesOf = (definition: unknown, options: ValidationOptions = {}) => {
  const result = validateDefinition(definition, options);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
};

/** A definition whose one `subworkflow` step runs `child` inline. */
const wrap = (child: unknown) => ({ format: "orka/v1", name: "t", steps: [{ id: "sub", type: "subworkflow", config: { definition: child } }], edges: [] });
const leaf = { format: "orka/v1", name: "leaf", steps: [{ id: "a", type: "noop" }], edges: [] };
/** `levels` inline sub-workflow definitions inside one another, the innermost a leaf. */
const nestedInline = (levels: number) => Array.from({ length: levels }).reduce<unknown>((inner) => wrap(inner), leaf);

const caller = (type: "subworkflow" | "map", workflow: string) => ({
  format: "orka/v1",
  name: "billing",
  steps: [{ id: "call", type, config: type === "map" ? { items: "[1]", workflow } : { workflow } }],
  edges: [],
});
const self = { id: "wf_1", namespace: "finance", name: "billing" };

describe("composition checks of validateDefinition", () => {
  it("accepts inline sub-workflows 10 levels deep and refuses an 11th, at its path", () => {
    expect(issuesOf(nestedInline(10))).toEqual([]);
    const path = Array.from({ length: 11 }, () => "steps[0].config.definition").join(".");
    expect(issuesOf(nestedInline(11))).toEqual([`${path}: sub-workflow nesting is deeper than 10 levels: inline definitions may nest 10 deep`]);
  });

  it("takes the nesting limit from its options", () => {
    expect(issuesOf(nestedInline(3), { maxNestingDepth: 2 })).toHaveLength(1);
    expect(issuesOf(nestedInline(11), { maxNestingDepth: 20 })).toEqual([]);
  });

  it("stops at the limit however deep the inline definitions go", () => {
    expect(issuesOf(nestedInline(5_000))).toHaveLength(1);
  });

  it("refuses a subworkflow or map step that calls the workflow it belongs to, by name, namespace/name or id", () => {
    for (const type of ["subworkflow", "map"] as const) {
      for (const reference of ["finance/billing", "wf_1"])
        expect(issuesOf(caller(type, reference), { workflow: self })).toEqual([`steps[0].config.workflow: calls its own workflow "${reference}": every run would start another, without end`]);
    }
    expect(issuesOf(caller("subworkflow", "billing"), { workflow: { ...self, namespace: "default" } })).toHaveLength(1);
  });

  it("finds the call inside an inline definition too", () => {
    expect(issuesOf(wrap(caller("subworkflow", "finance/billing")), { workflow: self })).toEqual([
      'steps[0].config.definition.steps[0].config.workflow: calls its own workflow "finance/billing": every run would start another, without end',
    ]);
  });

  it("accepts calls to other workflows, and any call when it does not know which workflow it checks", () => {
    for (const reference of ["billing", "finance/billing_v2", "other/billing", "wf_2"]) expect(issuesOf(caller("subworkflow", reference), { workflow: self })).toEqual([]);
    expect(issuesOf(caller("subworkflow", "finance/billing"))).toEqual([]);
  });
});

describe("refersToWorkflow", () => {
  it("reads a bare name in the default namespace and everything after the first slash as the name", () => {
    expect(refersToWorkflow("billing", { id: "x", namespace: "default", name: "billing" })).toBe(true);
    expect(refersToWorkflow("a/b/c", { id: "x", namespace: "a", name: "b/c" })).toBe(true);
    expect(refersToWorkflow("a/b/c", { id: "x", namespace: "a", name: "b" })).toBe(false);
  });
});
