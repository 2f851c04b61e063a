import { describe, expect, it } from "vitest";
import { openingViewport, readableZoom, smallWorkflowSteps, zoomToFitOptions } from "./readable-view";

const box = (x: number, y: number) => ({ x, y, width: 200, height: 60 });

describe("openingViewport", () => {
  it("fits a workflow that fits at a readable zoom, centred and no larger than 100 %", () => {
    const view = openingViewport([box(0, 0), box(300, 0)], 1200, 800);
    expect(view.zoom).toBe(1);
    // 500 px wide at 100 %: centred in 1,200.
    expect(view.x).toBeCloseTo(350);
  });

  it("does not shrink a wide workflow below the readable zoom: its start stays in view", () => {
    const steps = [box(0, 0), box(280, 0), box(560, -80), box(840, 0)];
    const view = openingViewport(steps, 740, 680);
    expect(view.zoom).toBe(readableZoom);
    // The left edge of the first step sits just inside the pane, the rest scrolls.
    expect(view.x).toBeGreaterThan(0);
    expect(view.x).toBeLessThan(50);
    // Vertically it fits, so it is centred.
    // The steps span y -80 to 60: their middle, -10, at the pane's middle.
    expect(view.y + -10 * view.zoom).toBeCloseTo(680 / 2, 0);
  });

  it("opens an empty workflow at 100 %", () => {
    expect(openingViewport([], 800, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});

describe("zoomToFitOptions", () => {
  it("keeps small workflows readable and fits large ones whole", () => {
    expect(zoomToFitOptions(4).minZoom).toBe(readableZoom);
    expect(zoomToFitOptions(smallWorkflowSteps).minZoom).toBe(readableZoom);
    expect(zoomToFitOptions(smallWorkflowSteps + 1).minZoom).toBeUndefined();
    expect(zoomToFitOptions(1000).includeHiddenNodes).toBe(true);
  });
});
