import type { StepStatus } from "../definition/statuses";

export type RunSettlement =
  | { kind: "progressing" }
  | { kind: "waiting" }
  | { kind: "completed" }
  | { kind: "failed"; failedSteps: string[] };

const activeStatuses: readonly StepStatus[] = ["queued", "running", "retrying"];

/** A step queued, running or retrying: while one is, the run is progressing. */
export function isActiveStatus(status: StepStatus): boolean {
  return activeStatuses.includes(status);
}

/**
 * What settling needs of a step: a failed step whose failure is `handled` (it took its error branch,
 * or it is optional) lets the run complete.
 */
export interface SettleFacts {
  status: StepStatus;
  handled?: boolean;
}

/**
 * Whether a run can still progress. A run with only `waiting` steps waits (for a timer, a child
 * run or an operator); with nothing active it is completed unless a step failed, which leaves its
 * dependents pending: then it is failed and waits for an operator to retry or resolve.
 */
export function settleRun(statuses: Iterable<[string, SettleFacts]>): RunSettlement {
  let waiting = false;
  const failedSteps: string[] = [];
  let pending = 0;
  for (const [id, { status, handled }] of statuses) {
    if (isActiveStatus(status)) return { kind: "progressing" };
    if (status === "waiting") waiting = true;
    else if (status === "failed" && !handled) failedSteps.push(id);
    else if (status === "pending") pending++;
  }
  if (waiting) return { kind: "waiting" };
  if (failedSteps.length > 0) return { kind: "failed", failedSteps };
  // Pending steps with nothing failed or active cannot happen in a valid DAG; treat them as stuck.
  return pending > 0 ? { kind: "failed", failedSteps: [] } : { kind: "completed" };
}
