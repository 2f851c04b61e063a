"use client";
import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { estimatedStepSize } from "./nodes/step-node-geometry";

type Point = { x: number; y: number };

/** Screen point → flow coordinates of a new step's top-left corner, centred under the pointer. */
export function useScreenToFlow(): (point: Point) => Point {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (point) => {
      const flow = screenToFlowPosition(point);
      return { x: flow.x - estimatedStepSize.width / 2, y: flow.y - estimatedStepSize.height / 2 };
    },
    [screenToFlowPosition],
  );
}

/**
 * Where a step added from the keyboard goes: the centre of the visible canvas, moved down until it
 * does not sit on another step (adding several in a row must not stack them invisibly).
 */
export function useFreeCentre(): (occupied: readonly Point[]) => Point {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (occupied) => {
      const pane = document.querySelector<HTMLElement>(".react-flow");
      const rect = pane?.getBoundingClientRect() ?? { left: 0, top: 0, width: window.innerWidth, height: window.innerHeight };
      const centre = screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      const spot = { x: Math.round((centre.x - estimatedStepSize.width / 2) / 20) * 20, y: Math.round((centre.y - estimatedStepSize.height / 2) / 20) * 20 };
      const gap = 20;
      const clash = (p: Point) =>
        occupied.some((o) => Math.abs(o.x - p.x) < estimatedStepSize.width + gap && Math.abs(o.y - p.y) < estimatedStepSize.height + gap);
      while (clash(spot)) spot.y += estimatedStepSize.height + 2 * gap;
      return spot;
    },
    [screenToFlowPosition],
  );
}
