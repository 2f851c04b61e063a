import { describe, expect, it } from "vitest";
import type { Definition, ValidationIssue } from "@/engine/definition";
import { createFlowCache } from "./flow-cache";
import { reconcileEdges, reconcileNodes } from "./flow-reconcile";

const definition: Definition = {
  format: "orka/v1",
  name: "demo",
  namespace: "default",
  maxParallel: 8,
  steps: [
    { id: "a", type: "noop", config: {}, position: { x: 0, y: 0 } },
    { id: "b", type: "noop", config: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ from: "a", to: "b" }],
};
const none = new Set<string>();

describe("flow cache and reconciliation", () => {
  it("keeps every node and edge object when nothing changed", () => {
    const derive = createFlowCache();
    const first = derive(definition, []);
    const nodes = reconcileNodes([], first.nodes, none);
    const edges = reconcileEdges([], first.edges);
    const again = derive({ ...definition }, []);
    expect(reconcileNodes(nodes, again.nodes, none)).toBe(nodes);
    expect(reconcileEdges(edges, again.edges)).toBe(edges);
  });

  it("replaces only the edited step's node and keeps measured sizes", () => {
    const derive = createFlowCache();
    const nodes = reconcileNodes([], derive(definition, []).nodes, none).map((node) => ({ ...node, measured: { width: 200, height: 60 } }));
    const edited = { ...definition, steps: [definition.steps[0]!, { ...definition.steps[1]!, name: "B" }] };
    const next = reconcileNodes(nodes, derive(edited, []).nodes, none);
    expect(next[0]).toBe(nodes[0]);
    expect(next[1]).not.toBe(nodes[1]);
    expect(next[1]!.data.step.name).toBe("B");
    expect(next[1]!.measured).toEqual({ width: 200, height: 60 });
  });

  it("a new issue on a step replaces its node; the same issue again does not", () => {
    const derive = createFlowCache();
    const issue: ValidationIssue = { path: "steps[0].config", message: "bad" };
    const nodes = reconcileNodes([], derive(definition, []).nodes, none);
    const badged = reconcileNodes(nodes, derive(definition, [issue]).nodes, none);
    expect(badged[0]).not.toBe(nodes[0]);
    expect(badged[0]!.data.issues).toEqual([issue]);
    expect(badged[1]).toBe(nodes[1]);
    expect(reconcileNodes(badged, derive(definition, [{ ...issue }]).nodes, none)).toBe(badged);
  });

  it("selection from the store sets the selected flag on exactly those nodes", () => {
    const derive = createFlowCache();
    const nodes = reconcileNodes([], derive(definition, []).nodes, none);
    const selected = reconcileNodes(nodes, derive(definition, []).nodes, new Set(["b"]));
    expect(selected.map((node) => !!node.selected)).toEqual([false, true]);
    expect(selected[0]).toBe(nodes[0]);
  });

  it("an edge whose look changes (a run took it) is replaced, keeping its selection", () => {
    const derive = createFlowCache();
    const edges = reconcileEdges([], derive(definition, []).edges).map((edge) => ({ ...edge, selected: true }));
    const taken = { stroke: "green" };
    const next = reconcileEdges(edges, derive(definition, []).edges.map((edge) => ({ ...edge, style: taken })));
    expect(next[0]!.style).toBe(taken);
    expect(next[0]!.selected).toBe(true);
  });

  it("removed steps and edges disappear; a held edge selection survives a data change", () => {
    const derive = createFlowCache();
    const edges = reconcileEdges([], derive(definition, []).edges).map((edge) => ({ ...edge, selected: true }));
    const withIssue = reconcileEdges(edges, derive(definition, [{ path: "edges[0]", message: "x" }]).edges);
    expect(withIssue[0]!.selected).toBe(true);
    const removed = { ...definition, steps: [definition.steps[0]!], edges: [] };
    expect(reconcileNodes([], derive(removed, []).nodes, none).map((node) => node.id)).toEqual(["a"]);
    expect(reconcileEdges(withIssue, derive(removed, []).edges)).toEqual([]);
  });
});
