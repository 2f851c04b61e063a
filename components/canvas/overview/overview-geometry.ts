import { stepNodeHandles, stepNodeHeight, stepNodeWidth } from "../nodes/step-node-geometry";
import type { StepNode } from "../to-flow";

type Point = { x: number; y: number };

/** Where a step is drawn, in flow coordinates: its measured size, or the declared one. */
export function nodeBox(node: StepNode): { x: number; y: number; width: number; height: number } {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? stepNodeWidth,
    height: node.measured?.height ?? stepNodeHeight(node.data.branches),
  };
}

/** An edge's two ends as React Flow places them: the outer sides of its source handle (by branch) and its target handle. */
export function edgeEnds(source: StepNode | undefined, target: StepNode | undefined, branch: string | null): { source: Point; target: Point } | null {
  if (!source || !target) return null;
  const sourceHandles = source.handles ?? stepNodeHandles(source.data.branches);
  const targetHandles = target.handles ?? stepNodeHandles(target.data.branches);
  const from = sourceHandles.find((handle) => handle.type === "source" && (branch === null || handle.id === branch)) ?? sourceHandles.find((handle) => handle.type === "source");
  const to = targetHandles.find((handle) => handle.type === "target");
  if (!from || !to) return null;
  const middle = (node: StepNode, handle: typeof from) => node.position.y + handle.y + (handle.height ?? 0) / 2;
  return {
    source: { x: source.position.x + from.x + (from.width ?? 0), y: middle(source, from) },
    target: { x: target.position.x + to.x, y: middle(target, to) },
  };
}

/** React Flow's default edge (a bezier from a right-hand source to a left-hand target, curvature 0.25), added to `path`. */
export function overviewEdgePath(path: Pick<Path2D, "moveTo" | "bezierCurveTo">, source: Point, target: Point): void {
  const offset = controlOffset(target.x - source.x);
  path.moveTo(source.x, source.y);
  path.bezierCurveTo(source.x + offset, source.y, target.x - offset, target.y, target.x, target.y);
}

function controlOffset(distance: number, curvature = 0.25): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}
