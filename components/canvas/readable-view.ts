import { getViewportForBounds, type FitViewOptions } from "@xyflow/react";

/**
 * The smallest zoom at which a step's text stays readable (its 14 px name at ~11 px). The first view
 * never goes below it, nor does "Zoom to fit" on a small workflow: a workflow wider than the canvas
 * at this zoom is centred and scrolls, rather than shrinking to ~7 px text.
 */
export const readableZoom = 0.8;

/**
 * Up to this many steps "Zoom to fit" keeps the text readable; a larger workflow fits whole, however
 * small that makes it (the overview to find one's way around).
 */
export const smallWorkflowSteps = 30;

/**
 * The first view: the workflow fitted, between readable and 100 %. A large workflow therefore opens
 * on its middle, readable, and the first paint draws only the steps in view.
 */
export const openingView: FitViewOptions = { minZoom: readableZoom, maxZoom: 1, padding: 0.2 };

/** "Zoom to fit" (the toolbar's, the controls', after auto-layout) for a workflow of `stepCount` steps. */
export function zoomToFitOptions(stepCount: number, duration = 200): FitViewOptions {
  // includeHiddenNodes: the overview of a large workflow hides its steps from React Flow, and they still count.
  const options: FitViewOptions = { padding: 0.2, duration, maxZoom: 1, includeHiddenNodes: true };
  return stepCount <= smallWorkflowSteps ? { ...options, minZoom: readableZoom } : options;
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * The first view of steps drawn in `boxes` on a `width`×`height` pane: fitted between readable and
 * 100 %, and where that leaves the workflow wider (or taller) than the pane, its start — the left
 * (top) edge, where its triggers are — in view rather than its middle.
 */
export function openingViewport(boxes: readonly Box[], width: number, height: number): { x: number; y: number; zoom: number } {
  if (boxes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const bounds = { x: left, y: top, width: Math.max(...boxes.map((box) => box.x + box.width)) - left, height: Math.max(...boxes.map((box) => box.y + box.height)) - top };
  const fitted = getViewportForBounds(bounds, width, height, openingView.minZoom!, openingView.maxZoom!, openingView.padding!);
  const margin = openingMargin;
  const x = bounds.width * fitted.zoom + 2 * margin > width ? margin - bounds.x * fitted.zoom : fitted.x;
  const y = bounds.height * fitted.zoom + 2 * margin > height ? margin - bounds.y * fitted.zoom : fitted.y;
  return { x, y, zoom: fitted.zoom };
}

/** Pane pixels left free beside a workflow that does not fit at the readable zoom. */
const openingMargin = 24;
