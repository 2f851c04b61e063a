import type { RunEvent } from "../../../engine/definition/run-events";
import type { RunMutation, RunRow, StepCacheEntry, StepRunRow } from "../../../engine/ports/run-store";
import type { BreakerRow } from "../../../engine/scheduling/breaker";
import { latestBreakers } from "./breaker-rows";
import { splitStartRecords, type AuditRecord, type WebhookUsedRecord } from "./start-records";

/** The rows of a commit, one list per table, ready for one set-based statement each. */
export interface Batch {
  runs: RunRow[];
  steps: StepRunRow[];
  events: RunEvent[];
  /** Circuit breakers changed by this commit (usually none). */
  breakers: BreakerRow[];
  audit: AuditRecord[];
  /** One per webhook, sorted by workflow id like the other rows. */
  webhooksUsed: WebhookUsedRecord[];
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
  const breakers: BreakerRow[] = [];
  const cache: StepCacheEntry[] = [];
  for (const mutation of mutations) {
    if (mutation.breakers) breakers.push(...mutation.breakers);
    for (const entry of mutation.cache ?? []) cache.push(entry);
    if (mutation.run) runs.set(mutation.run.id, mutation.run);
    for (const step of mutation.steps) steps.set(stepKey(step), step);
    for (const event of mutation.events) events.push(event); // no spread: a call takes ~100k arguments at most
  }
  const { audit, webhooksUsed } = splitStartRecords(mutations);
  return {
    audit,
    webhooksUsed: webhooksUsed.sort((a, b) => compareText(a.workflowId, b.workflowId)),
    runs: sortedByKey(runs),
    steps: sortedByKey(steps),
    events: events.sort((a, b) => compareText(a.runId, b.runId) || a.seq - b.seq),
    breakers: breakers.length === 0 ? breakers : latestBreakers(breakers),
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
