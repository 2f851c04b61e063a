import "server-only";

// Next evaluates server modules several times per process (route bundles, instrumentation): the
// tRPC handlers and the engine host's scheduler must share one target, so it lives on globalThis.
const globalForSignal = globalThis as typeof globalThis & { orkaSchedulesChanged?: EventTarget };
const target = (globalForSignal.orkaSchedulesChanged ??= new EventTarget());

/** Tells this process's scheduler to re-read the earliest due time (a schedule was created, changed or deleted). */
export function signalSchedulesChanged(): void {
  target.dispatchEvent(new Event("changed"));
}

/** Calls `listener` on every signal; returns the unsubscribe. */
export function onSchedulesChanged(listener: () => void): () => void {
  target.addEventListener("changed", listener);
  return () => target.removeEventListener("changed", listener);
}
