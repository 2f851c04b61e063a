import type { StepDefinition, StepView } from "@/engine/definition";

/**
 * What a step's live state says on its node: the status plus what an operator needs at a glance —
 * the attempt of a retry and when it is next tried, what a wait is for, the class of a failure.
 */
export function stepRunLabel(
  step: Pick<StepDefinition, "type" | "retry" | "optional">,
  view: StepView,
  formatTime: (iso: string) => string = shortTime,
  runFinished = false,
): string {
  const maxAttempts = step.retry?.maxAttempts ?? 1;
  switch (view.status) {
    case "pending":
    case "queued":
      // Once the run has ended (a failure, a cancel) a step that never started never will.
      return runFinished ? "not run" : view.status;
    case "retrying":
      return `retrying · attempt ${view.attempt + 1}/${maxAttempts}${view.wakeAt ? ` at ${formatTime(view.wakeAt)}` : ""}`;
    case "running":
      return maxAttempts > 1 && view.attempt > 1 ? `running · attempt ${view.attempt}/${maxAttempts}` : "running";
    case "waiting":
      if (view.waitingFor) return `waiting · ${view.waitingFor}${view.wakeAt ? ` until ${formatTime(view.wakeAt)}` : ""}`;
      return `waiting · ${waitReason(step.type, view.wakeAt, formatTime)}`;
    case "failed":
      if (view.branch === "error") return `failed · ${view.error?.kind ?? "error"} → error branch`;
      return `failed · ${view.error?.kind ?? "error"}${step.optional ? " · optional" : ""}`;
    case "resolved":
      return "resolved manually";
    case "completed":
      return view.cachedFrom ? `completed · from cache (run ${view.cachedFrom.runId}, ${timeAgo(view.cachedFrom.at)})` : "completed";
    default:
      return view.status;
  }
}

function waitReason(type: string, wakeAt: string | null, formatTime: (iso: string) => string): string {
  if (type === "approval") return "for approval";
  if (type === "subworkflow" || type === "map") return "for child runs";
  if (wakeAt) return `until ${formatTime(wakeAt)}`;
  return "for an event";
}

/** "12 min ago", "3 h ago", "just now": how long ago an instant was, coarse. */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

function shortTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** A map or sub-workflow step's children summed up for its node, e.g. "3/5 children done, 1 failed". */
export function childRollup(children: readonly { parentStepId: string | null; status: string }[], stepId: string): string | null {
  const own = children.filter((child) => child.parentStepId === stepId);
  if (own.length === 0) return null;
  const done = own.filter((child) => child.status === "completed").length;
  const failed = own.filter((child) => child.status === "failed").length;
  const cancelled = own.filter((child) => child.status === "cancelled").length;
  const noun = own.length === 1 ? "child" : "children";
  return `${done}/${own.length} ${noun} done${failed ? `, ${failed} failed` : ""}${cancelled ? `, ${cancelled} cancelled` : ""}`;
}
