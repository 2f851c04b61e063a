import type { Definition, ValidationIssue } from "@/engine/definition";
import { toFlow, type StepEdge, type StepEdgeData, type StepNode, type StepNodeData } from "./to-flow";

type Flow = { nodes: StepNode[]; edges: StepEdge[] };

/**
 * `toFlow` that hands back the previous `data` object for every step and edge whose content did not
 * change (steps are replaced, never mutated, so identity means unchanged). Memoised node views and
 * `reconcileNodes` rely on that identity.
 */
export function createFlowCache(): (definition: Definition, issues: readonly ValidationIssue[]) => Flow {
  let stepData = new Map<string, StepNodeData>();
  let edgeData = new Map<string, StepEdgeData>();
  return (definition, issues) => {
    const flow = toFlow(definition, issues);
    const nextStepData = new Map<string, StepNodeData>();
    const nodes = flow.nodes.map((node) => {
      const held = stepData.get(node.id);
      const data = held && held.step === node.data.step && sameIssues(held.issues, node.data.issues) ? held : node.data;
      nextStepData.set(node.id, data);
      return data === node.data ? node : { ...node, data };
    });
    const nextEdgeData = new Map<string, StepEdgeData>();
    const edges = flow.edges.map((edge) => {
      const held = edgeData.get(edge.id);
      const data = held && sameIssues(held.issues, edge.data!.issues) ? held : edge.data!;
      nextEdgeData.set(edge.id, data);
      return data === edge.data ? edge : { ...edge, data };
    });
    stepData = nextStepData;
    edgeData = nextEdgeData;
    return { nodes, edges };
  };
}

function sameIssues(a: readonly ValidationIssue[], b: readonly ValidationIssue[]): boolean {
  return a.length === b.length && a.every((issue, index) => issue.path === b[index]!.path && issue.message === b[index]!.message);
}
