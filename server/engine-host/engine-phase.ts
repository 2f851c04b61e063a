/**
 * What the embedded engine is doing, for `/api/health`: `starting` until its store is open,
 * `recovering` while it resumes unfinished runs (requests that need it wait), `running` once it
 * takes new work, `failed` when it could not start (the next request that needs it tries again),
 * `stopping` once a SIGTERM began the graceful shutdown (load balancers should send no more).
 * With `ORKA_ENGINE=off` the host (the store the starts commit through, the scheduler, the
 * operator-command relay) goes through the same phases, `recovering` excepted.
 * Kept apart from engine-host.ts so reading it never loads, or starts, the engine.
 */
export type EnginePhase = "starting" | "recovering" | "running" | "failed" | "stopping";

// Next evaluates server modules several times: the phase lives with the engine host, per process.
const globalForPhase = globalThis as typeof globalThis & { orkaEnginePhase?: EnginePhase; orkaStoppingListeners?: Set<() => void> };

export function enginePhase(): EnginePhase {
  return globalForPhase.orkaEnginePhase ?? "starting";
}

export function setEnginePhase(phase: EnginePhase): void {
  globalForPhase.orkaEnginePhase = phase;
  if (phase === "stopping") for (const listener of [...stoppingListeners()]) listener();
}

/**
 * Calls `listener` once a SIGTERM began the graceful shutdown (at once if it has): a request
 * waiting for a run (`?wait=true`) answers then with the run as it stands, instead of holding its
 * connection until the process exits. Returns the function that removes it, which the caller must
 * call when it stops waiting: a listener left behind keeps everything it reaches. (Racing one
 * process-long promise instead kept every answered run, steps and all, until the process exited.)
 */
export function onStopping(listener: () => void): () => void {
  if (enginePhase() === "stopping") {
    listener();
    return () => {};
  }
  const listeners = stoppingListeners();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Listeners still registered, for tests. */
export function stoppingListenerCount(): number {
  return stoppingListeners().size;
}

function stoppingListeners(): Set<() => void> {
  return (globalForPhase.orkaStoppingListeners ??= new Set());
}
