import { Graph, layout } from "@dagrejs/dagre";
import type { Definition } from "@/engine/definition";
import { estimatedStepSize } from "./nodes/step-node-geometry";

type Size = { width: number; height: number };
export type LaidOutNode = { id: string; position: { x: number; y: number } };

const spacing = { nodesep: 40, ranksep: 90 };

/**
 * Left-to-right layered layout (dagre) of the steps in `ids` (all steps when omitted), using only
 * the edges between them. A partial layout keeps its top-left corner where the chosen steps' was,
 * so laying out a selection does not throw it across the canvas.
 */
export function autoLayout(
  definition: Pick<Definition, "steps" | "edges">,
  ids?: readonly string[],
  sizes: ReadonlyMap<string, Size> = new Map(),
): LaidOutNode[] {
  const chosen = new Set(ids ?? definition.steps.map((step) => step.id));
  const steps = definition.steps.filter((step) => chosen.has(step.id));
  if (steps.length === 0) return [];

  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", ...spacing });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const step of steps) graph.setNode(step.id, { ...(sizes.get(step.id) ?? estimatedStepSize) });
  definition.edges.forEach((edge, index) => {
    if (chosen.has(edge.from) && chosen.has(edge.to)) graph.setEdge(edge.from, edge.to, {}, String(index));
  });
  layout(graph);

  const laidOut = steps.map((step) => {
    const { x, y, width, height } = graph.node(step.id) as { x: number; y: number; width: number; height: number };
    return { id: step.id, position: { x: x - width / 2, y: y - height / 2 } };
  });
  const anchor = ids ? topLeft(steps.map((step) => step.position ?? { x: 0, y: 0 })) : { x: 0, y: 0 };
  const origin = topLeft(laidOut.map((node) => node.position));
  return laidOut.map((node) => ({
    id: node.id,
    position: { x: Math.round(node.position.x - origin.x + anchor.x), y: Math.round(node.position.y - origin.y + anchor.y) },
  }));
}

function topLeft(points: readonly { x: number; y: number }[]): { x: number; y: number } {
  return { x: Math.min(...points.map((p) => p.x)), y: Math.min(...points.map((p) => p.y)) };
}
