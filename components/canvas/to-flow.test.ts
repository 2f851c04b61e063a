import { describe, expect, it } from "vitest";
import type { Definition } from "@/engine/definition";
import { applyPositions, defaultPosition, edgeIds, issuesAt, toFlow } from "./to-flow";

//   check ──true──▶ ship
//        └─false─▶ refund
const order: Definition = {
  format: "orka/v1",
  name: "order",
  namespace: "default",
  maxParallel: 8,
  steps: [
    { id: "check", type: "condition", name: "Check stock", config: { expression: "$input.qty > 0" }, position: { x: 0, y: 0 } },
    { id: "ship", type: "http", config: { url: "https://example.com/ship" }, position: { x: 240, y: -80 } },
    { id: "refund", type: "noop", config: {} },
  ],
  edges: [
    { from: "check", to: "ship", branch: "true" },
    { from: "check", to: "refund", branch: "false" },
  ],
};

describe("toFlow", () => {
  it("draws one step node per step, labelled for assistive tech and e2e", () => {
    const { nodes } = toFlow(order);
    expect(nodes.map((node) => node.id)).toEqual(["check", "ship", "refund"]);
    expect(nodes[0]).toMatchObject({ type: "step", position: { x: 0, y: 0 }, ariaLabel: "Check stock (condition)" });
    expect(nodes[1]!.ariaLabel).toBe("ship (http)");
    expect(nodes[0]!.data.step).toBe(order.steps[0]);
  });

  it("gives branches from the step spec, null for non-branching steps", () => {
    const { nodes } = toFlow(order);
    expect(nodes[0]!.data.branches).toEqual(["true", "false"]);
    expect(nodes[1]!.data.branches).toBeNull();
  });

  it("places a step without a position on the default grid", () => {
    expect(toFlow(order).nodes[2]!.position).toEqual(defaultPosition(2));
  });

  it("draws one edge per definition edge with the branch as its source handle, named for assistive tech", () => {
    const { edges } = toFlow(order);
    expect(edges).toEqual([
      { id: "check->ship:true", source: "check", target: "ship", sourceHandle: "true", ariaLabel: "Edge check to ship (true)", data: { issues: [] } },
      { id: "check->refund:false", source: "check", target: "refund", sourceHandle: "false", ariaLabel: "Edge check to refund (false)", data: { issues: [] } },
    ]);
    const plain = toFlow({ ...order, edges: [{ from: "ship", to: "refund" }] }).edges[0]!;
    expect(plain).toMatchObject({ id: "ship->refund:", sourceHandle: null, ariaLabel: "Edge ship to refund" });
  });

  it("keeps edge ids unique for a duplicate edge in an invalid draft", () => {
    const edges = [order.edges[0]!, order.edges[0]!];
    expect(edgeIds(edges)).toEqual(["check->ship:true", "check->ship:true#1"]);
  });

  it("hands each node and edge only its own issues (steps[1] is not steps[10])", () => {
    const issues = [
      { path: "steps[1].config.url", message: "bad url" },
      { path: "steps[10]", message: "not mine" },
      { path: "edges[1].branch", message: "bad branch" },
      { path: "name", message: "empty" },
    ];
    const { nodes, edges } = toFlow(order, issues);
    expect(nodes[1]!.data.issues).toEqual([issues[0]]);
    expect(nodes[0]!.data.issues).toEqual([]);
    expect(edges[1]!.data!.issues).toEqual([issues[2]]);
    expect(issuesAt(issues, "steps[1]")).toEqual([issues[0]]);
  });

  it("gives an unchanged step the same branches and handles again, and a replaced step its own", () => {
    const first = toFlow(order);
    const again = toFlow(order);
    expect(again.nodes[0]!.data.branches).toBe(first.nodes[0]!.data.branches);
    expect(again.nodes[0]!.handles).toBe(first.nodes[0]!.handles);
    const steps = order.steps.map((step, index) => (index === 0 ? { ...step, type: "condition", config: { expression: "true" } } : step));
    const changed = toFlow({ ...order, steps });
    expect(changed.nodes[0]!.data.branches).toEqual(["true", "false"]);
    expect(changed.nodes[0]!.handles!.filter((handle) => handle.type === "source").map((handle) => handle.id)).toEqual(["true", "false", "error"]);
    expect(changed.nodes[1]!.handles).toBe(first.nodes[1]!.handles);
  });

  it("does not mutate the definition", () => {
    const frozen = structuredClone(order);
    toFlow(order);
    expect(order).toEqual(frozen);
  });
});

describe("applyPositions", () => {
  it("round-trips: the definition is unchanged except positions", () => {
    const { nodes } = toFlow(order);
    const back = applyPositions(order, nodes);
    expect(back).toEqual({ ...order, steps: order.steps.map((step, index) => ({ ...step, position: step.position ?? defaultPosition(index) })) });
    const positioned = back;
    expect(applyPositions(positioned, toFlow(positioned).nodes)).toBe(positioned);
  });

  it("rounds to integers and keeps view state out of the document", () => {
    const { nodes } = toFlow(order);
    const dragged = nodes.map((node) =>
      node.id === "ship" ? { ...node, position: { x: 300.6, y: 10.2 }, selected: true, dragging: true, measured: { width: 180, height: 60 } } : node,
    );
    const moved = applyPositions(order, dragged);
    expect(moved.steps[1]).toEqual({ ...order.steps[1], position: { x: 301, y: 10 } });
    expect(JSON.stringify(moved)).not.toMatch(/selected|dragging|measured/);
    expect(moved.steps[0]).toBe(order.steps[0]);
    expect(order.steps[1]!.position).toEqual({ x: 240, y: -80 });
  });

  it("returns the same definition when nothing moved, and ignores unknown nodes", () => {
    expect(applyPositions(order, [{ id: "check", position: { x: 0.2, y: -0.3 } }, { id: "ghost", position: { x: 1, y: 1 } }])).toBe(order);
  });
});
