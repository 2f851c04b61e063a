import type { StepEdge, StepNode } from "./to-flow";

/**
 * Merges freshly derived nodes into the ones React Flow holds. A node whose step, issues, position
 * and selection are unchanged keeps its object (React Flow then skips it: what keeps a 1,000-step
 * canvas fast on a one-step edit), and every node keeps the size React Flow measured.
 */
export function reconcileNodes(current: readonly StepNode[], derived: readonly StepNode[], selected: ReadonlySet<string>): StepNode[] {
  const byId = new Map(current.map((node) => [node.id, node]));
  let changed = current.length !== derived.length;
  const next = derived.map((fresh, index) => {
    const held = byId.get(fresh.id);
    const isSelected = selected.has(fresh.id);
    if (held && held.data === fresh.data && samePosition(held.position, fresh.position) && !!held.selected === isSelected && !held.dragging) {
      if (current[index] !== held) changed = true;
      return held;
    }
    changed = true;
    return { ...fresh, selected: isSelected, ...(held?.measured && { measured: held.measured }) };
  });
  return changed ? next : (current as StepNode[]);
}

/** Edges keep their object (and their view-only selection) while their data and look are the same. */
export function reconcileEdges(current: readonly StepEdge[], derived: readonly StepEdge[]): StepEdge[] {
  const byId = new Map(current.map((edge) => [edge.id, edge]));
  let changed = current.length !== derived.length;
  const next = derived.map((fresh, index) => {
    const held = byId.get(fresh.id);
    if (held && held.data === fresh.data && held.style === fresh.style && held.ariaLabel === fresh.ariaLabel) {
      if (current[index] !== held) changed = true;
      return held;
    }
    changed = true;
    return held?.selected ? { ...fresh, selected: true } : fresh;
  });
  return changed ? next : (current as StepEdge[]);
}

function samePosition(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x === b.x && a.y === b.y;
}
