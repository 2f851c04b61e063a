import type { Edge, Node } from "@xyflow/react";
import type { ValidationIssue } from "@/engine/definition/issues";
import { errorBranch, type Definition, type EdgeDefinition, type StepDefinition } from "@/engine/definition/schema";
import { stepNodeHandles, stepNodeHeight, stepNodeWidth } from "./nodes/step-node-geometry";
import { hasErrorHandle, stepBranches } from "./step-branches";

export type StepNodeData = {
  step: StepDefinition;
  branches: string[] | null;
  issues: ValidationIssue[];
};
export type StepNode = Node<StepNodeData, "step">;
export type StepEdgeData = { issues: ValidationIssue[] };
export type StepEdge = Edge<StepEdgeData>;

export const gridColumns = 5;
export const gridSpacing = { x: 240, y: 140 };

/** Where a step without a saved position is drawn: a grid in definition order. */
export function defaultPosition(index: number): { x: number; y: number } {
  return { x: (index % gridColumns) * gridSpacing.x, y: Math.floor(index / gridColumns) * gridSpacing.y };
}

export function edgeId(edge: Pick<EdgeDefinition, "from" | "to" | "branch">): string {
  return `${edge.from}->${edge.to}:${edge.branch ?? ""}`;
}

/** Stable, unique ids in edge order; an invalid draft may hold a duplicate edge, React Flow needs both drawn. */
export function edgeIds(edges: readonly EdgeDefinition[]): string[] {
  const used = new Set<string>();
  return edges.map((edge, index) => {
    const id = used.has(edgeId(edge)) ? `${edgeId(edge)}#${index}` : edgeId(edge);
    used.add(id);
    return id;
  });
}

/**
 * The view of a definition: one React Flow node per step and one edge per definition edge, each
 * carrying its own validation issues. Pure: the same definition always draws the same graph.
 */
export function toFlow(definition: Definition, issues: readonly ValidationIssue[] = []): { nodes: StepNode[]; edges: StepEdge[] } {
  const nodes = definition.steps.map((step, index): StepNode => {
    const branches = stepBranches(step);
    return {
      id: step.id,
      type: "step",
      position: step.position ?? defaultPosition(index),
      data: { step, branches, issues: issuesAt(issues, `steps[${index}]`) },
      ariaLabel: `${step.name ?? step.id} (${step.type})`,
      // Declared as if measured, so that React Flow mounts only the steps in view, draws edges to the
      // others and fits the view to all of them (it fits measured nodes only); the browser's
      // measurement replaces the size once a step is mounted.
      measured: { width: stepNodeWidth, height: stepNodeHeight(branches) },
      handles: stepNodeHandles(branches, { errorHandle: hasErrorHandle(step) }),
    };
  });
  const ids = edgeIds(definition.edges);
  const edges = definition.edges.map((edge, index): StepEdge => ({
    id: ids[index]!,
    source: edge.from,
    target: edge.to,
    sourceHandle: edge.branch ?? null,
    // The branch is drawn on its labelled source handle; a mid-edge label would collide with it.
    ariaLabel: `Edge ${edge.from} to ${edge.to}${edge.branch ? ` (${edge.branch})` : ""}`,
    data: { issues: issuesAt(issues, `edges[${index}]`) },
    ...(edge.branch === errorBranch && { style: errorEdgeStyle }),
  }));
  return { nodes, edges };
}

/** Issues addressed to `prefix` or below it (`steps[1]` matches `steps[1].config`, not `steps[10]`). */
/** Error edges are drawn dashed and red, like their handle. */
const errorEdgeStyle = { stroke: "#e11d48", strokeDasharray: "5 4" };

export function issuesAt(issues: readonly ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.filter((issue) => issue.path === prefix || issue.path.startsWith(`${prefix}.`) || issue.path.startsWith(`${prefix}[`));
}

/**
 * The inverse of `toFlow` for positions only: a new definition with the nodes' positions rounded
 * to integers. Nothing else of a node (selected, measured, dragging) reaches the document.
 */
export function applyPositions(definition: Definition, nodes: readonly Pick<Node, "id" | "position">[]): Definition {
  const positions = new Map(nodes.map((node) => [node.id, node.position]));
  let changed = false;
  const steps = definition.steps.map((step) => {
    const position = positions.get(step.id);
    if (!position) return step;
    const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
    if (step.position?.x === rounded.x && step.position.y === rounded.y) return step;
    changed = true;
    return { ...step, position: rounded };
  });
  return changed ? { ...definition, steps } : definition;
}
