import { Position, type NodeHandle } from "@xyflow/react";

/**
 * A step node's size and handle places as `StepNode` draws them, declared on every React Flow node.
 * With them React Flow knows where a step is and where its edges end before the step is mounted, so
 * `onlyRenderVisibleElements` mounts only the steps in view (a node without handle bounds is always
 * mounted) and an edge to a step out of view is still drawn. React Flow keeps declared handles over
 * measured ones, so they must match the drawing: `e2e/designer-canvas.spec.ts` compares them with the
 * browser's.
 */
export const stepNodeWidth = 200;
/** Padding, the two-line label (or the zoomed-out box) and the 1 px border. */
const stepNodeContentHeight = 58;
const border = 1;
const handleSize = 10;
/** Vertical room per branch handle once a step has more than two. */
export const branchSpacing = 22;

/** The node's `min-height` in px, or undefined when its content is taller. */
export function handleColumnHeight(branches: readonly string[] | null): number | undefined {
  return branches && branches.length > 2 ? (branches.length + 1) * branchSpacing : undefined;
}

export function stepNodeHeight(branches: readonly string[] | null): number {
  return Math.max(stepNodeContentHeight, handleColumnHeight(branches) ?? 0);
}

/** A branch handle's `top`, as a share of the node's inner height. */
export function branchTop(index: number, count: number): number {
  return (index + 1) / (count + 1);
}

/**
 * The handles as React Flow measures them: boxes relative to the node's top-left corner. One array
 * per shape, shared by every step of that shape (nothing changes them: React Flow copies handles
 * into its own bounds): a thousand steps ask for it on every derive.
 */
export function stepNodeHandles(branches: readonly string[] | null, { errorHandle = false }: { errorHandle?: boolean } = {}): NodeHandle[] {
  const key = `${errorHandle ? "e" : "-"}${branches === null ? "" : `:${branches.join("\u0000")}`}`;
  let handles = handleShapes.get(key);
  if (!handles) {
    if (handleShapes.size >= maxHandleShapes) handleShapes.clear();
    handleShapes.set(key, (handles = handlesOf(branches, errorHandle)));
  }
  return handles;
}

const handleShapes = new Map<string, NodeHandle[]>();
/** Distinct shapes are few (branch lists of switches); a bound keeps an odd editing session from growing it. */
const maxHandleShapes = 500;

function handlesOf(branches: readonly string[] | null, errorHandle: boolean): NodeHandle[] {
  const height = stepNodeHeight(branches);
  const inner = height - 2 * border;
  const at = (share: number) => border + share * inner - handleSize / 2;
  // Plain object literals: spreading a shared box into each was ~40 µs a step in V8.
  const handle = (type: NodeHandle["type"], position: Position, x: number, y: number, id: string | null): NodeHandle => ({ width: handleSize, height: handleSize, type, position, x, y, id });
  const target = handle("target", Position.Left, border - handleSize / 2, at(0.5), null);
  const sourceX = stepNodeWidth - border - handleSize / 2;
  const sources: NodeHandle[] =
    branches === null
      ? [handle("source", Position.Right, sourceX, at(0.5), null)]
      : branches.map((branch, index) => handle("source", Position.Right, sourceX, at(branchTop(index, branches.length)), branch));
  if (!errorHandle) return [target, ...sources];
  // StepNode's ErrorHandle: on the bottom edge, centred at `errorHandleLeft` of the node's inner width.
  const error = handle("source", Position.Bottom, border + errorHandleLeft * (stepNodeWidth - 2 * border) - handleSize / 2, at(1), "error");
  return [target, ...sources, error];
}

/** Where the error handle sits along the bottom edge, as a share of the node's inner width. */
export const errorHandleLeft = 0.85;

/** Room a new or laid-out step is given before it is drawn (a little over a plain step's height). */
export const estimatedStepSize = { width: stepNodeWidth, height: 64 };
