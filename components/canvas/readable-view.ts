import type { FitViewOptions } from "@xyflow/react";

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
