import { describe, expect, it } from "vitest";
import type { Definition } from "@/engine/definition";
import { autoLayout } from "./auto-layout";

//        ┌─true──▶ b ─┐
//   a ─▶ gate          ├─▶ d        x (unconnected)
//        └─false─▶ c ─┘
const definition: Pick<Definition, "steps" | "edges"> = {
  steps: ["a", "gate", "b", "c", "d", "x"].map((id, index) => ({ id, type: "noop", config: {}, position: { x: 1000 + index, y: 500 } })),
  edges: [
    { from: "a", to: "gate" },
    { from: "gate", to: "b", branch: "true" },
    { from: "gate", to: "c", branch: "false" },
    { from: "b", to: "d" },
    { from: "c", to: "d" },
  ],
};
const byId = (nodes: ReturnType<typeof autoLayout>) => new Map(nodes.map((node) => [node.id, node.position]));

describe("autoLayout", () => {
  it("places every edge's target to the right of its source, from the origin", () => {
    const positions = byId(autoLayout(definition));
    expect(positions.size).toBe(6);
    for (const edge of definition.edges) expect(positions.get(edge.to)!.x).toBeGreaterThan(positions.get(edge.from)!.x);
    expect(Math.min(...[...positions.values()].map((p) => p.x))).toBe(0);
    expect(Math.min(...[...positions.values()].map((p) => p.y))).toBe(0);
  });

  it("puts parallel branches in the same column, one above the other, without overlap", () => {
    const positions = byId(autoLayout(definition));
    expect(positions.get("b")!.x).toBe(positions.get("c")!.x);
    expect(Math.abs(positions.get("b")!.y - positions.get("c")!.y)).toBeGreaterThanOrEqual(64);
  });

  it("lays out only the chosen steps, anchored at their previous top-left corner", () => {
    const nodes = autoLayout(definition, ["b", "d"]);
    expect(nodes.map((node) => node.id).sort()).toEqual(["b", "d"]);
    const positions = byId(nodes);
    expect(positions.get("b")).toEqual({ x: 1002, y: 500 });
    expect(positions.get("d")!.x).toBeGreaterThan(1002);
  });

  it("uses measured sizes so wide steps do not overlap", () => {
    const narrow = byId(autoLayout(definition));
    const wide = byId(autoLayout(definition, undefined, new Map([["a", { width: 600, height: 64 }]])));
    expect(wide.get("gate")!.x - wide.get("a")!.x).toBeGreaterThan(narrow.get("gate")!.x - narrow.get("a")!.x);
  });

  it("returns integer positions and nothing for an empty choice", () => {
    for (const node of autoLayout(definition)) expect(Number.isInteger(node.position.x) && Number.isInteger(node.position.y)).toBe(true);
    expect(autoLayout(definition, [])).toEqual([]);
  });
});
