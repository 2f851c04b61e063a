"use client";

import { useEffect, type RefObject } from "react";
import { fieldDomId, pathAndAncestors } from "./field-dom-id";

export type FocusRequest = { path: string; nonce: number } | null;

/**
 * Focuses the field for a definition path, or its nearest ancestor that has one, whenever the
 * nonce changes. The designer selects the step in the same update, so wait a frame for the
 * inspector to render that step's fields first.
 */
export function useFocusRequest(request: FocusRequest, root: RefObject<HTMLElement | null>) {
  const nonce = request?.nonce;
  const path = request?.path;
  useEffect(() => {
    if (nonce === undefined || path === undefined) return;
    const frame = requestAnimationFrame(() => {
      for (const candidate of pathAndAncestors(path)) {
        const element = document.getElementById(fieldDomId(candidate));
        if (!element || !root.current?.contains(element)) continue;
        element.focus({ preventScroll: true });
        element.scrollIntoView({ block: "nearest" });
        return;
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [nonce, path, root]);
}
