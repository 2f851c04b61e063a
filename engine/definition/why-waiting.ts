import type { Definition } from "./schema";
import type { RunStatus, StepError, StepStatus } from "./statuses";

/**
 * Why a run or step is not moving, as data and in words. `kind` names the cause; `reason` is the
 * sentence shown to people; `until` is when a timer fires (ISO); `stepIds` the steps it waits on.
 * A step that waits for its own reason (a circuit breaker, a lease…) reports it as `kind` = the
 * `reason` of its wait with the wait's `message` as words, so new causes need no change here.
 */
export interface WaitExplanation {
  kind: "not-started" | "dependencies" | "blocked" | "concurrency" | "queued" | "running" | "timer" | "approval" | "children" | "operator" | (string & {});
  reason: string;
  until?: string | null;
  stepIds?: string[];
  /** For `timer`: what fires (`delay` ends the wait, `retry` starts the next attempt). */
  timer?: "delay" | "retry";
  /** For `approval`: the team role that may decide. */
  role?: string;
  attempt?: number;
}

/** A step as this needs it; `wait` is the detail of its current wait (`state` of a stored row, the `step.waiting` payload of a fold). */
export interface WaitingStep {
  status: StepStatus;
  attempt: number;
  wakeAt: Date | string | null;
  error?: StepError | null;
  wait?: Record<string, unknown> | null;
}

export interface WaitingRun {
  status: RunStatus;
  error?: StepError | null;
  definition: Pick<Definition, "steps" | "edges"> & { maxParallel?: number };
  steps: Readonly<Record<string, WaitingStep>>;
}

export interface WhyWaiting {
  /** Null for a completed or cancelled run: it waits for nothing. */
  run: WaitExplanation | null;
  /** Every step that has not finished (failed steps of a failed run too: they wait for an operator). */
  steps: Record<string, WaitExplanation>;
}

const finished: readonly StepStatus[] = ["completed", "resolved", "skipped", "cancelled"];
const active: readonly StepStatus[] = ["queued", "running", "retrying", "waiting"];

/**
 * Computed from the run's state only (never stored), so it is as fresh as that state.
 *
 * @example
 * whyWaiting({ status: "running", definition, steps: { wait: { status: "waiting", attempt: 1, wakeAt: "…", wait: { reason: "delay" } } } }, now)
 * // { run: { kind: "timer", … }, steps: { wait: { kind: "timer", timer: "delay", until: "…", reason: "delay fires at 2026-12-06 12:03:10 UTC (in 5 min)" } } }
 */
export function whyWaiting(run: WaitingRun, now: Date): WhyWaiting {
  const steps: Record<string, WaitExplanation> = {};
  if (run.status === "completed" || run.status === "cancelled") return { run: null, steps };
  const statusOf = (stepId: string) => run.steps[stepId]?.status ?? "pending";
  const running = Object.values(run.steps).filter((step) => step.status === "running").length;
  for (const step of run.definition.steps) {
    const row = run.steps[step.id] ?? { status: "pending", attempt: 0, wakeAt: null };
    const explanation = explainStep(step.id, row, run, statusOf, running, now);
    if (explanation) steps[step.id] = explanation;
  }
  return { run: explainRun(run, steps, statusOf), steps };
}

function explainStep(
  stepId: string,
  row: WaitingStep,
  run: WaitingRun,
  statusOf: (stepId: string) => StepStatus,
  running: number,
  now: Date,
): WaitExplanation | null {
  switch (row.status) {
    case "pending": {
      if (run.status === "pending") return { kind: "not-started", reason: "the run has not started yet" };
      const sources = run.definition.edges.filter((edge) => edge.to === stepId).map((edge) => edge.from);
      const failed = unique(sources.filter((source) => statusOf(source) === "failed"));
      if (failed.length > 0)
        return { kind: "blocked", stepIds: failed, reason: `blocked: ${list(failed)} failed; an operator can retry or resolve it, or redrive the run on a fixed version` };
      const unfinished = unique(sources.filter((source) => !finished.includes(statusOf(source))));
      return { kind: "dependencies", stepIds: unfinished, reason: unfinished.length > 0 ? `waits for ${list(unfinished)} to finish` : "about to be queued" };
    }
    case "queued": {
      const limit = run.definition.maxParallel;
      if (limit !== undefined && running >= limit) return { kind: "concurrency", reason: `waits for a free slot: the run's limit of ${limit} steps at once is reached` };
      return { kind: "queued", reason: "queued: waits for a free worker of the engine" };
    }
    case "running":
      return { kind: "running", attempt: row.attempt, reason: `running (attempt ${row.attempt})` };
    case "retrying": {
      const until = iso(row.wakeAt);
      const failure = row.error?.message ? ` (${row.error.message})` : "";
      return { kind: "timer", timer: "retry", until, attempt: row.attempt + 1, reason: `attempt ${row.attempt} failed${failure}; attempt ${row.attempt + 1} ${firesAt(until, now)}` };
    }
    case "waiting":
      return explainWait(row, now);
    case "failed":
      return run.status === "failed" ? { kind: "operator", reason: `failed${row.error ? `: ${row.error.message}` : ""}; waits for an operator to retry or resolve it, or to redrive the run` } : null;
    default:
      return null;
  }
}

function explainWait(row: WaitingStep, now: Date): WaitExplanation {
  const wait = row.wait ?? {};
  const until = iso(row.wakeAt);
  const text = (value: unknown) => (typeof value === "string" && value ? value : null);
  // A circuit breaker's wait says its words as `waitingFor` in the event, and keeps only its key in the step's state.
  const message = text(wait.message) ?? text(wait.waitingFor) ?? (text(wait.breaker) && text(wait.reason) ? `${String(wait.reason)} for ${String(wait.breaker)}` : null);
  switch (wait.reason) {
    case "delay":
      return { kind: "timer", timer: "delay", until, reason: `delay ${firesAt(until, now)}` };
    case "approval":
      return { kind: "approval", role: "editor", reason: `waits for an editor or owner of the team to approve or reject${message ? `: “${message}”` : ""}` };
    case "children": {
      const total = typeof wait.total === "number" ? wait.total : null;
      return { kind: "children", reason: total === null ? "waits for its child runs" : `waits for ${total} child run${total === 1 ? "" : "s"} to finish` };
    }
    default: {
      const kind = typeof wait.reason === "string" ? wait.reason : "waiting";
      const words = message ?? `waits (${kind})`;
      return { kind, until, reason: until ? `${words} until ${clock(until)}` : words };
    }
  }
}

function explainRun(run: WaitingRun, steps: Record<string, WaitExplanation>, statusOf: (stepId: string) => StepStatus): WaitExplanation {
  if (run.status === "pending") return { kind: "not-started", reason: "the run has not started yet" };
  if (run.status === "failed") {
    const failed = run.definition.steps.map((step) => step.id).filter((stepId) => statusOf(stepId) === "failed");
    return {
      kind: "operator",
      stepIds: failed,
      reason: `failed${run.error ? `: ${run.error.message}` : ""}; waits for an operator to retry or resolve ${failed.length > 0 ? list(failed) : "a step"}, or to redrive the run on a fixed version`,
    };
  }
  const moving = Object.keys(steps).filter((stepId) => active.includes(statusOf(stepId)));
  const running = moving.filter((stepId) => steps[stepId]!.kind === "running");
  if (running.length > 0) return { kind: "running", stepIds: running, reason: `running ${list(running)}` };
  if (moving.length === 0) return { kind: "running", reason: "finishing" };
  return { kind: steps[moving[0]!]!.kind, stepIds: moving, reason: moving.map((stepId) => `${stepId}: ${steps[stepId]!.reason}`).join("; ") };
}

function firesAt(until: string | null, now: Date): string {
  if (!until) return "fires when its timer is due";
  const seconds = Math.round((new Date(until).getTime() - now.getTime()) / 1000);
  return `fires at ${clock(until)} (${seconds <= 0 ? "due now" : `in ${duration(seconds)}`})`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** `2026-12-06 12:03:10 UTC`: unambiguous in a log or a ticket, whatever the reader's time zone. */
function clock(until: string): string {
  return `${until.slice(0, 10)} ${until.slice(11, 19)} UTC`;
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

const unique = (ids: string[]) => [...new Set(ids)];
const list = (ids: string[]) => ids.map((id) => `"${id}"`).join(", ");
