import type { RunEvent } from "../../../engine/definition/run-events";
import type { RunMutation, RunRow, StepCacheEntry, StepRunRow } from "../../../engine/ports/run-store";

/** The rows of a commit, one list per table, ready for one set-based statement each. */
export interface Batch {
  runs: RunRow[];
  steps: StepRunRow[];
  events: RunEvent[];
  cache: StepCacheEntry[];
}

/**
 * Flattens a commit. A later row for the same key replaces an earlier one, because one
 * `INSERT ... ON CONFLICT DO UPDATE` fails when it meets a key twice ("cannot affect row a second
 * time"). Rows are sorted by key so concurrent commits lock rows in the same order and cannot
 * deadlock on each other.
 */
export function toBatch(mutations: readonly RunMutation[]): Batch {
  const runs = new Map<string, RunRow>();
  const steps = new Map<string, StepRunRow>();
  const events: RunEvent[] = [];
  const cache: StepCacheEntry[] = [];
  for (const mutation of mutations) {
    for (const entry of mutation.cache ?? []) cache.push(entry);
    if (mutation.run) runs.set(mutation.run.id, mutation.run);
    for (const step of mutation.steps) steps.set(stepKey(step), step);
    for (const event of mutation.events) events.push(event); // no spread: a call takes ~100k arguments at most
  }
  return {
    runs: sortedByKey(runs),
    steps: sortedByKey(steps),
    events: events.sort((a, b) => compareText(a.runId, b.runId) || a.seq - b.seq),
    cache,
  };
}

// NUL cannot occur in a PostgreSQL text value, so it separates the parts of a key unambiguously.
function stepKey(step: StepRunRow): string {
  return `${step.runId}\u0000${step.stepId}`;
}

function sortedByKey<T>(rows: Map<string, T>): T[] {
  return [...rows.entries()].sort(([a], [b]) => compareText(a, b)).map(([, row]) => row);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
