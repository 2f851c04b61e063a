import type { StepStatus } from "./statuses";

/**
 * What redriving a run on another definition does to each step id:
 * - `kept`: completed or resolved, and still in the new definition: its state and output stay;
 * - `rerun`: still in the new definition but not finished (failed, cancelled, skipped, pending):
 *   it starts over under the new definition (a skipped step is decided again);
 * - `added`: only in the new definition;
 * - `removed`: only in the old run: dropped from consideration (its row stays as history).
 * Each list is in the new definition's step order (`removed` in the run's order).
 */
export interface RedrivePlan {
  kept: string[];
  rerun: string[];
  added: string[];
  removed: string[];
}

const keptStatuses: readonly StepStatus[] = ["completed", "resolved"];

/**
 * Pure and isomorphic, so the designer's preview and the engine agree.
 *
 * @example
 * planRedrive(["a", "b", "c"], new Map([["a", "completed"], ["b", "failed"], ["x", "completed"]]));
 * // { kept: ["a"], rerun: ["b"], added: ["c"], removed: ["x"] }
 */
export function planRedrive(newStepIds: readonly string[], statuses: ReadonlyMap<string, StepStatus>): RedrivePlan {
  const plan: RedrivePlan = { kept: [], rerun: [], added: [], removed: [] };
  const remaining = new Set(newStepIds);
  for (const stepId of newStepIds) {
    const status = statuses.get(stepId);
    if (status === undefined) plan.added.push(stepId);
    else if (keptStatuses.includes(status)) plan.kept.push(stepId);
    else plan.rerun.push(stepId);
  }
  for (const stepId of statuses.keys()) if (!remaining.has(stepId)) plan.removed.push(stepId);
  return plan;
}

/** One line per non-empty list, for the designer and the CLI. */
export function describeRedrivePlan(plan: RedrivePlan): string[] {
  const lines: string[] = [];
  const line = (label: string, ids: string[]) => ids.length > 0 && lines.push(`${label}: ${ids.join(", ")}`);
  line("keeps its output", plan.kept);
  line("runs again", plan.rerun);
  line("new, will run", plan.added);
  line("removed, dropped from the run", plan.removed);
  return lines;
}
