"use client";
import { useSyncExternalStore } from "react";

let idle = false;
let scheduled = false;
const listeners = new Set<() => void>();

/** Two frames (the page's first paint with its content), then the first idle moment. */
function scheduleIdle() {
  if (scheduled) return;
  scheduled = true;
  const settle = () => {
    idle = true;
    for (const listener of listeners) listener();
  };
  requestAnimationFrame(() =>
    requestAnimationFrame(() => (typeof requestIdleCallback === "function" ? requestIdleCallback(settle, { timeout: 1000 }) : setTimeout(settle, 0))),
  );
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  scheduleIdle();
  return () => listeners.delete(listener);
}

/**
 * False until the page has painted and the browser is first idle, then true for good: lets a page
 * show its content before it loads and runs code that can wait (an editor below the fold of what
 * matters). Always false on the server.
 */
export function usePageIdle(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => idle,
    () => false,
  );
}

const noSubscription = () => () => {};

/** False on the server and while hydrating, true in the browser afterwards: for what only works once the page's code runs. */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
