"use client";
import { useStoreApi, type ReactFlowState } from "@xyflow/react";
import { useContext, useEffect, useRef } from "react";
import { metaOf } from "../step-meta";
import type { StepEdge, StepNode } from "../to-flow";
import { decorationStyles, StepDecorationContext, type StepDecoration } from "../nodes/step-decoration";
import { runStateStyles, StepRunStateContext, type StepRunState } from "../nodes/step-run-state";
import { edgeEnds, nodeBox, overviewEdgePath } from "./overview-geometry";

interface StepOverviewProps {
  nodes: readonly StepNode[];
  edges: readonly StepEdge[];
}

/**
 * A large workflow zoomed out, drawn on one <canvas> instead of thousands of DOM nodes and SVG paths:
 * steps as boxes in their accent, borders for problems, selection, comparison and run state, and
 * edges as the same curves React Flow draws. The paths are built once per graph and redrawn when the
 * viewport moves, without a React render. It takes no pointer events: panning and zooming stay React Flow's, and
 * `FlowCanvas` turns a click on the pane into selecting the step under it.
 */
export function StepOverview({ nodes, edges }: StepOverviewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const flowStore = useStoreApi<StepNode, StepEdge>();
  const decorations = useContext(StepDecorationContext);
  const runStates = useContext(StepRunStateContext);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const colors = new ColorReader(canvas);
    // The paths are built once per graph, in flow coordinates; a viewport change only redraws them.
    const { edgePaths, fills, outlines } = buildPaths(nodes, edges, colors, decorations, runStates);
    const draw = ({ transform: [x, y, zoom], width, height }: Pick<ReactFlowState, "transform" | "width" | "height">) => {
      const ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);
      const onePixel = 1 / zoom;
      context.lineWidth = Math.max(1.5, onePixel);
      for (const [color, path] of edgePaths) {
        context.strokeStyle = color;
        context.stroke(path);
      }
      for (const [color, path] of fills) {
        context.fillStyle = color;
        context.fill(path);
      }
      context.lineWidth = Math.max(1, 2 * onePixel);
      for (const [color, path] of outlines) {
        context.strokeStyle = color;
        context.stroke(path);
      }
    };

    let frame = 0;
    let drawn: unknown[] = [];
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const state = flowStore.getState();
        drawn = [state.transform, state.width, state.height];
        draw(state);
      });
    };
    schedule();
    const unsubscribe = flowStore.subscribe((state) => {
      if (state.transform !== drawn[0] || state.width !== drawn[1] || state.height !== drawn[2]) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [nodes, edges, decorations, runStates, flowStore]);

  return (
    <canvas
      ref={canvasRef}
      role="img"
      aria-label={`Overview of ${nodes.length} steps: zoom in to edit them`}
      className="pointer-events-none absolute inset-0 z-[4] size-full"
    />
  );
}

/** Edges (one path per colour), then steps: filled in their accent, outlined by what they show (problem, selection, comparison, run state). */
function buildPaths(
  nodes: readonly StepNode[],
  edges: readonly StepEdge[],
  colors: ColorReader,
  decorations: ReadonlyMap<string, StepDecoration> | null,
  runStates: ReadonlyMap<string, StepRunState> | null,
) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edgePaths = new Map<string, Path2D>();
  for (const edge of edges) {
    const ends = edgeEnds(byId.get(edge.source), byId.get(edge.target), edge.sourceHandle ?? null);
    if (!ends) continue;
    const color = typeof edge.style?.stroke === "string" ? edge.style.stroke : colors.edge;
    let path = edgePaths.get(color);
    if (!path) edgePaths.set(color, (path = new Path2D()));
    overviewEdgePath(path, ends.source, ends.target);
  }
  const fills = new Map<string, Path2D>();
  const outlines = new Map<string, Path2D>();
  for (const node of nodes) {
    const box = nodeBox(node);
    const decoration = decorations?.get(node.id);
    const runState = runStates?.get(node.id);
    const outline = node.data.issues.length
      ? colors.problem
      : node.selected
        ? colors.selected
        : decoration
          ? colors.border(decorationStyles[decoration])
          : runState
            ? colors.border(runStateStyles[runState.status].border)
            : colors.stepBorder;
    addRect(fills, colors.fill(metaOf(node.data.step.type).accent), box);
    addRect(outlines, outline, box);
  }
  return { edgePaths, fills, outlines };
}

function addRect(paths: Map<string, Path2D>, color: string, box: { x: number; y: number; width: number; height: number }) {
  let path = paths.get(color);
  if (!path) paths.set(color, (path = new Path2D()));
  path.rect(box.x, box.y, box.width, box.height);
}

/**
 * The colours the DOM nodes get from their Tailwind classes, read once per class from a probe
 * element, so the overview follows the theme instead of repeating it.
 */
class ColorReader {
  private readonly fills = new Map<string, string>();
  private readonly borders = new Map<string, string>();
  readonly edge: string;
  readonly stepBorder: string;
  readonly problem: string;
  readonly selected: string;

  constructor(private readonly host: HTMLElement) {
    this.edge = this.read("stroke-slate-400", "stroke", "#94a3b8");
    this.stepBorder = this.read("border border-slate-400", "borderTopColor", "#94a3b8");
    this.problem = this.border("border-rose-500");
    this.selected = this.border("border-indigo-500");
  }

  fill(className: string): string {
    let color = this.fills.get(className);
    if (!color) this.fills.set(className, (color = this.read(className, "backgroundColor", "#f1f5f9")));
    return color;
  }

  border(className: string): string {
    // A look without a border colour of its own (a pending or skipped step) keeps the plain one.
    if (!className.includes("border-")) return this.stepBorder;
    let color = this.borders.get(className);
    if (!color) this.borders.set(className, (color = this.read(`border ${className}`, "borderTopColor", "#94a3b8")));
    return color;
  }

  private read(className: string, property: "backgroundColor" | "borderTopColor" | "stroke", fallback: string): string {
    const probe = document.createElement("span");
    probe.className = className;
    probe.hidden = true;
    this.host.parentElement?.appendChild(probe);
    const value = getComputedStyle(probe)[property];
    probe.remove();
    return value && value !== "rgba(0, 0, 0, 0)" && value !== "none" ? value : fallback;
  }
}
