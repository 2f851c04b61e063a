import { IsolatedEvaluatorPool, type IsolatedEvaluatorOptions } from "./pool";

/**
 * One pool per process, shared by every engine in it: expressions are evaluated from step handlers
 * and the run's output, which have no engine handle. An engine holds it while it runs and releases
 * it on `stop()`; the last release closes it (kills its children). Evaluations outside any engine
 * (tests, tools) start it unheld; its idle children never keep the process alive.
 */
let shared: IsolatedEvaluatorPool | null = null;
let holders = 0;

export function isolatedEvaluator(): IsolatedEvaluatorPool {
  return (shared ??= new IsolatedEvaluatorPool());
}

/**
 * Holds the shared pool, with at least `workers` children allowed; returns the release.
 *
 * @example
 * const release = holdIsolatedEvaluator({ workers: 2 });
 * await release(); // on engine.stop()
 */
export function holdIsolatedEvaluator(options: Pick<IsolatedEvaluatorOptions, "workers"> = {}): () => Promise<void> {
  if (!shared) shared = new IsolatedEvaluatorPool(options);
  else if (options.workers) shared.grow(options.workers);
  holders++;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders--;
    if (holders > 0 || !shared) return;
    const pool = shared;
    shared = null;
    await pool.close();
  };
}
