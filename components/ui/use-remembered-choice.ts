"use client";
import { useCallback, useSyncExternalStore } from "react";

const changed = new EventTarget();

/**
 * A choice kept in this browser's localStorage (a panel collapsed, the colour scheme). The server
 * and the first client render use `fallback`, then the remembered value: no hydration mismatch.
 */
export function useRememberedChoice<T extends string>(key: string, fallback: T, allowed: readonly T[]): [T, (value: T) => void] {
  const subscribe = useCallback((notify: () => void) => {
    const onStorage = (event: StorageEvent) => event.key === key && notify();
    window.addEventListener("storage", onStorage);
    changed.addEventListener(key, notify);
    return () => {
      window.removeEventListener("storage", onStorage);
      changed.removeEventListener(key, notify);
    };
  }, [key]);
  const value = useSyncExternalStore(
    subscribe,
    () => readChoice(key, fallback, allowed),
    () => fallback,
  );
  const set = useCallback(
    (next: T) => {
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // Storage may be full or refused (private windows): the choice then lasts until reload.
      }
      changed.dispatchEvent(new Event(key));
    },
    [key],
  );
  return [value, set];
}

function readChoice<T extends string>(key: string, fallback: T, allowed: readonly T[]): T {
  try {
    const stored = window.localStorage.getItem(key);
    return allowed.includes(stored as T) ? (stored as T) : fallback;
  } catch {
    return fallback;
  }
}
