import type { Edge, Node, NodeHandle } from "@xyflow/react";
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
  const stepIssues = issuesByIndex(issues, "steps");
  const edgeIssues = issuesByIndex(issues, "edges");
  const nodes = definition.steps.map((step, index): StepNode => {
    const { branches, ariaLabel, width, height, handles } = shapeOf(step);
    return {
      id: step.id,
      type: "step",
      position: step.position ?? defaultPosition(index),
      data: { step, branches, issues: stepIssues.get(index) ?? [] },
      ariaLabel,
      // Declared as if measured, so that React Flow mounts only the steps in view, draws edges to the
      // others and fits the view to all of them (it fits measured nodes only); the browser's
      // measurement replaces the size once a step is mounted.
      measured: { width, height },
      handles,
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
    data: { issues: edgeIssues.get(index) ?? [] },
    ...(edge.branch === errorBranch && { style: errorEdgeStyle }),
  }));
  return { nodes, edges };
}

type StepShape = { branches: string[] | null; ariaLabel: string; width: number; height: number; handles: NodeHandle[] };

/**
 * What a step's node looks like apart from its place and issues, worked out once per step object
 * (steps are replaced, never changed): reading a step's branches parses its config, and every
 * derive (each edit, and the first view on the server and in the browser) asks for all steps.
 */
const shapes = new WeakMap<StepDefinition, StepShape>();

function shapeOf(step: StepDefinition): StepShape {
  let shape = shapes.get(step);
  if (!shape) {
    const branches = stepBranches(step);
    shape = {
      branches,
      ariaLabel: `${step.name ?? step.id} (${step.type})`,
      width: stepNodeWidth,
      height: stepNodeHeight(branches),
      handles: stepNodeHandles(branches, { errorHandle: hasErrorHandle(step) }),
    };
    shapes.set(step, shape);
  }
  return shape;
}

/** Error edges are drawn dashed and red, like their handle. */
const errorEdgeStyle = { stroke: "#e11d48", strokeDasharray: "5 4" };

/** The issues of each `list[i]` (and below it), by i, in their order: what `issuesAt` gives each, in one pass. */
function issuesByIndex(issues: readonly ValidationIssue[], list: "steps" | "edges"): Map<number, ValidationIssue[]> {
  const byIndex = new Map<number, ValidationIssue[]>();
  const pattern = list === "steps" ? /^steps\[(\d+)\](?:$|[.[])/ : /^edges\[(\d+)\](?:$|[.[])/;
  for (const issue of issues) {
    const match = pattern.exec(issue.path);
    if (!match) continue;
    const index = Number(match[1]);
    const held = byIndex.get(index);
    if (held) held.push(issue);
    else byIndex.set(index, [issue]);
  }
  return byIndex;
}

/** Issues addressed to `prefix` or below it (`steps[1]` matches `steps[1].config`, not `steps[10]`). */
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
