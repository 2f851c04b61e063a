import type { RunStatus, StepStatus } from "../definition/statuses";

/**
 * The run and step state machines (docs/format.md, "Run and step states") as data. Anything not listed is rejected.
 * Additions to the design's list, each named by the design elsewhere:
 * - step `running → queued`: a step left running by a dead process is re-queued on recovery (§4);
 * - step `failed → queued`: an operator retries a failed step (§3 "retry the step");
 * - step `queued → skipped`: a `stop` step skips the steps not yet started (§2), queued ones too;
 * - run `cancelled → running`: an operator redrives a cancelled run (§3 "redriven"; a failed one uses `failed → running`);
 * - step `waiting → queued`: a step held by an open circuit breaker runs (the same attempt) once it lets it through;
 * - step `retrying → cancelled`, `queued → cancelled`, …: "any non-terminal → cancelled".
 */
export const runTransitions: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  pending: ["running", "cancelled"],
  running: ["completed", "failed", "cancelled"],
  failed: ["running", "cancelled"],
  completed: [],
  cancelled: ["running"],
};

export const stepTransitions: Readonly<Record<StepStatus, readonly StepStatus[]>> = {
  pending: ["queued", "skipped", "cancelled"],
  queued: ["running", "skipped", "cancelled"],
  running: ["completed", "retrying", "failed", "waiting", "queued", "cancelled"],
  retrying: ["queued", "cancelled"],
  waiting: ["completed", "resolved", "failed", "cancelled", "queued"],
  failed: ["resolved", "queued"],
  completed: [],
  skipped: [],
  resolved: [],
  cancelled: [],
};

export class IllegalTransitionError extends Error {
  constructor(kind: "run" | "step", from: string, to: string, subject: string) {
    super(`illegal ${kind} transition ${from} → ${to} (${subject})`);
    this.name = "IllegalTransitionError";
  }
}

export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return runTransitions[from].includes(to);
}

export function canTransitionStep(from: StepStatus, to: StepStatus): boolean {
  return stepTransitions[from].includes(to);
}

export function assertRunTransition(from: RunStatus, to: RunStatus, subject: string): void {
  if (!canTransitionRun(from, to)) throw new IllegalTransitionError("run", from, to, subject);
}

export function assertStepTransition(from: StepStatus, to: StepStatus, subject: string): void {
  if (!canTransitionStep(from, to)) throw new IllegalTransitionError("step", from, to, subject);
}
