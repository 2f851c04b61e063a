import type { RunEvent } from "./run-events";
import type { RunStatus, StepError, StepStatus } from "./statuses";

export interface StepView {
  status: StepStatus;
  attempt: number;
  output: unknown;
  error: StepError | null;
  branch: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  wakeAt: string | null;
  /** What a `waiting` step waits for (its `step.waiting` payload: `reason`, details); null otherwise. */
  wait?: Record<string, unknown> | null;
  /** While waiting, what for in words when the engine says (`step.waiting`'s `waitingFor`): "circuit open for api.example.com". */
  waitingFor?: string | null;
  /** The output came from the step cache: written by run `runId` at `at`. */
  cachedFrom?: { runId: string; at: string } | null;
}

export interface RunView {
  status: RunStatus;
  output: unknown;
  error: StepError | null;
  vars: Record<string, unknown>;
  steps: Record<string, StepView>;
  /** Highest `seq` folded; a stream resumes after it. */
  lastSeq: number;
}

const blankStep = (): StepView => ({ status: "pending", attempt: 0, output: null, error: null, branch: null, startedAt: null, finishedAt: null, wakeAt: null });

/**
 * The state of a run as its events tell it. The live canvas and the property tests use this one
 * fold, so the history shown and the stored state cannot disagree. Pure and isomorphic.
 */
export function foldRunEvents(events: Iterable<RunEvent>, stepIds: Iterable<string> = [], initial?: RunView): RunView {
  const view: RunView = initial
    ? { ...initial, steps: { ...initial.steps } }
    : { status: "pending", output: null, error: null, vars: {}, steps: {}, lastSeq: 0 };
  for (const id of stepIds) view.steps[id] ??= blankStep();
  for (const event of events) {
    if (event.seq <= view.lastSeq) continue; // already folded: a resumed stream may repeat
    view.lastSeq = event.seq;
    applyEvent(view, event);
  }
  return view;
}

function applyEvent(view: RunView, event: RunEvent): void {
  const payload = event.payload as Record<string, unknown>;
  const at = new Date(event.at).toISOString();
  if (!event.stepId) {
    const runStatus: Partial<Record<string, RunStatus>> = {
      "run.started": "running",
      "run.resumed": "running",
      "run.completed": "completed",
      "run.failed": "failed",
      "run.cancelled": "cancelled",
    };
    if (event.type === "run.redriven") return applyRedrive(view, payload);
    view.status = runStatus[event.type] ?? view.status;
    if (event.type === "run.completed") view.output = payload.output ?? null;
    view.error = event.type === "run.failed" ? (payload.error as StepError) : event.type === "run.resumed" ? null : view.error;
    return;
  }
  const previous = view.steps[event.stepId] ?? blankStep();
  const step: StepView = { ...previous, wait: event.type === "step.waiting" ? payload : null };
  view.steps[event.stepId] = step;
  if (step.waitingFor && event.type !== "step.waiting") step.waitingFor = null;
  switch (event.type) {
    case "step.queued":
    case "step.requeued":
      Object.assign(step, { status: "queued", attempt: payload.attempt as number, wakeAt: null });
      break;
    case "step.started":
      Object.assign(step, { status: "running", attempt: payload.attempt as number, startedAt: at, finishedAt: null });
      break;
    case "step.retrying":
      Object.assign(step, { status: "retrying", error: payload.error, wakeAt: isoOrNull(payload.wakeAt) });
      break;
    case "step.waiting":
      Object.assign(step, { status: "waiting", wakeAt: isoOrNull(payload.wakeAt), waitingFor: typeof payload.waitingFor === "string" ? payload.waitingFor : null });
      break;
    case "step.completed":
    case "step.resolved":
      Object.assign(step, {
        status: event.type === "step.completed" ? "completed" : "resolved",
        output: payload.output ?? null,
        branch: (payload.branch as string | null) ?? null,
        error: null,
        wakeAt: null,
        finishedAt: at,
        cachedFrom: (payload.cached as StepView["cachedFrom"]) ?? null,
      });
      if (payload.vars) view.vars = { ...view.vars, ...(payload.vars as Record<string, unknown>) };
      break;
    case "step.failed":
      // A handled failure carries its branch (`error`) and output, or `optional: true`.
      Object.assign(step, { status: "failed", error: payload.error, output: payload.output ?? null, branch: (payload.branch as string | null) ?? null, finishedAt: at });
      break;
    case "step.skipped":
      Object.assign(step, { status: "skipped", finishedAt: at });
      break;
    case "step.cancelled":
      Object.assign(step, { status: "cancelled", error: { kind: "cancelled", message: String(payload.reason ?? "cancelled") }, wakeAt: null, finishedAt: at });
      break;
  }
}

/** A redrive (payload: its `RedrivePlan` and the carried-on attempts): removed steps leave the view, re-run and new ones start over. */
function applyRedrive(view: RunView, payload: Record<string, unknown>): void {
  const ids = (key: string) => (Array.isArray(payload[key]) ? (payload[key] as string[]) : []);
  const attempts = (payload.attempts ?? {}) as Record<string, number>;
  Object.assign(view, { status: "running", output: null, error: null });
  for (const stepId of ids("removed")) delete view.steps[stepId];
  for (const stepId of [...ids("rerun"), ...ids("added")]) view.steps[stepId] = { ...blankStep(), attempt: attempts[stepId] ?? 0 };
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : new Date(value as string).toISOString();
}
