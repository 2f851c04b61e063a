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
 * edges as the same curves React Flow draws. The paths are built once per graph and painted when the
 * zoom changes (a pan moves the painted canvas), without a React render. It takes no pointer events: panning and zooming stay React Flow's, and
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
    // The paths are built once per graph, in flow coordinates; a viewport change only paints or moves them.
    const { edgePaths, fills, outlines, bounds } = buildPaths(nodes, edges, colors, decorations, runStates);
    const paint = (zoom: number, ratio: number, offsetX: number, offsetY: number) => {
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * offsetX, ratio * offsetY);
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
    const resize = (width: number, height: number, ratio: number) => {
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    };
    // The whole graph is painted once per zoom onto a canvas its size, which a pan only moves (a
    // transform the compositor applies: nothing is painted again). Where the graph at this zoom is
    // larger than the pane (each zoom step would paint and upload all of it), the canvas is the
    // pane's size and is painted on every move.
    let painted: { zoom: number; ratio: number } | null = null;
    const draw = ({ transform: [x, y, zoom], width, height }: Pick<ReactFlowState, "transform" | "width" | "height">) => {
      const ratio = window.devicePixelRatio || 1;
      const margin = 4;
      const left = bounds.minX * zoom - margin;
      const top = bounds.minY * zoom - margin;
      const graphWidth = Math.ceil((bounds.maxX - bounds.minX) * zoom + 2 * margin);
      const graphHeight = Math.ceil((bounds.maxY - bounds.minY) * zoom + 2 * margin);
      const area = graphWidth * graphHeight;
      if (Number.isFinite(left) && area <= paintOnceMaxPanes * width * height && area * ratio * ratio <= paintOnceMaxPixels && Math.max(graphWidth, graphHeight) * ratio <= paintOnceMaxSide) {
        if (painted?.zoom !== zoom || painted.ratio !== ratio) {
          resize(graphWidth, graphHeight, ratio);
          paint(zoom, ratio, -left, -top);
          painted = { zoom, ratio };
        }
        canvas.style.transform = `translate(${x + left}px, ${y + top}px)`;
        return;
      }
      painted = null;
      resize(width, height, ratio);
      canvas.style.transform = "";
      paint(zoom, ratio, x, y);
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
      className="pointer-events-none absolute top-0 left-0 z-[4] origin-top-left will-change-transform"
    />
  );
}

/**
 * The largest canvas the whole graph is painted on once per zoom: the pane's area (every step in
 * view), at most 6 M device pixels. Larger, each wheel notch painted and uploaded more than the
 * pane (bench:canvas, 2,000 steps: a third more main-thread time zooming at twice the pane).
 */
const paintOnceMaxPanes = 1;
const paintOnceMaxPixels = 6_000_000;
const paintOnceMaxSide = 8192;

/**
 * Edges (one path per colour), then steps: filled in their accent, outlined by what they show
 * (problem, selection, comparison, run state); and the box, in flow coordinates, they are drawn in.
 */
function buildPaths(
  nodes: readonly StepNode[],
  edges: readonly StepEdge[],
  colors: ColorReader,
  decorations: ReadonlyMap<string, StepDecoration> | null,
  runStates: ReadonlyMap<string, StepRunState> | null,
) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const include = (x: number, y: number) => {
    bounds.minX = Math.min(bounds.minX, x);
    bounds.minY = Math.min(bounds.minY, y);
    bounds.maxX = Math.max(bounds.maxX, x);
    bounds.maxY = Math.max(bounds.maxY, y);
  };
  const edgePaths = new Map<string, Path2D>();
  for (const edge of edges) {
    const ends = edgeEnds(byId.get(edge.source), byId.get(edge.target), edge.sourceHandle ?? null);
    if (!ends) continue;
    const color = typeof edge.style?.stroke === "string" ? edge.style.stroke : colors.edge;
    let path = edgePaths.get(color);
    if (!path) edgePaths.set(color, (path = new Path2D()));
    const into = path;
    // A curve stays inside its control points: they bound it.
    overviewEdgePath(
      {
        moveTo: (x, y) => {
          include(x, y);
          into.moveTo(x, y);
        },
        bezierCurveTo: (x1, y1, x2, y2, x, y) => {
          include(x1, y1);
          include(x2, y2);
          include(x, y);
          into.bezierCurveTo(x1, y1, x2, y2, x, y);
        },
      },
      ends.source,
      ends.target,
    );
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
    include(box.x, box.y);
    include(box.x + box.width, box.y + box.height);
  }
  return { edgePaths, fills, outlines, bounds };
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
