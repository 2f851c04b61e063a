import { describe, expect, it } from "vitest";
import { stepNodeHandles, stepNodeHeight } from "../nodes/step-node-geometry";
import { toFlow } from "../to-flow";
import { edgeEnds, nodeBox, overviewEdgePath } from "./overview-geometry";

const { nodes } = toFlow({
  format: "orka/v1",
  name: "overview",
  namespace: "default",
  maxParallel: 8,
  steps: [
    { id: "check", type: "condition", config: { expression: "true" }, position: { x: 0, y: 0 } },
    { id: "next", type: "noop", config: {}, position: { x: 300, y: 100 } },
  ],
  edges: [],
});
const [check, next] = nodes as [(typeof nodes)[number], (typeof nodes)[number]];

describe("overview geometry", () => {
  it("draws a step at its position with its declared size until React Flow measures it", () => {
    expect(nodeBox(check)).toEqual({ x: 0, y: 0, width: 200, height: stepNodeHeight(["true", "false"]) });
    expect(nodeBox({ ...next, measured: { width: 210, height: 70 } })).toEqual({ x: 300, y: 100, width: 210, height: 70 });
  });

  it("starts an edge on the outer side of its branch's handle and ends it on the target's input", () => {
    const [, trueHandle, falseHandle] = stepNodeHandles(["true", "false"]);
    const input = stepNodeHandles(null)[0]!;
    const ends = edgeEnds(check, next, "false")!;
    expect(ends.source).toEqual({ x: falseHandle!.x + falseHandle!.width!, y: falseHandle!.y + falseHandle!.height! / 2 });
    expect(ends.target).toEqual({ x: 300 + input.x, y: 100 + input.y + input.height! / 2 });
    expect(edgeEnds(check, next, "true")!.source.y).toBe(trueHandle!.y + trueHandle!.height! / 2);
    expect(edgeEnds(check, undefined, null)).toBeNull();
  });

  it("curves an edge as React Flow's default bezier does", () => {
    const calls: number[][] = [];
    overviewEdgePath({ moveTo: (...point: number[]) => calls.push(point), bezierCurveTo: (...points: number[]) => calls.push(points) }, { x: 0, y: 0 }, { x: 100, y: 50 });
    expect(calls).toEqual([
      [0, 0],
      [50, 0, 50, 50, 100, 50],
    ]);
  });
});
