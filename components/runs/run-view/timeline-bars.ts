import type { RunEvent } from "@/engine/definition";

export interface AttemptBar {
  attempt: number;
  start: number;
  /** null while the attempt is still running. */
  end: number | null;
  outcome: "running" | "completed" | "failed" | "retrying" | "cancelled" | "waiting";
}

export interface TimelineRow {
  stepId: string;
  bars: AttemptBar[];
}

const endings: Partial<Record<RunEvent["type"], AttemptBar["outcome"]>> = {
  "step.completed": "completed",
  "step.failed": "failed",
  "step.retrying": "retrying",
  "step.cancelled": "cancelled",
  "step.requeued": "cancelled",
};

/**
 * The run's attempts as bars (ms since the epoch), one row per step in the order steps first
 * started: each `step.started` opens a bar, the next ending event of that step closes it.
 */
export function timelineRows(events: readonly RunEvent[]): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const event of events) {
    if (!event.stepId) continue;
    const time = new Date(event.at).getTime();
    if (event.type === "step.started") {
      const row = rows.get(event.stepId) ?? { stepId: event.stepId, bars: [] };
      rows.set(event.stepId, row);
      row.bars.push({ attempt: Number(event.payload.attempt ?? row.bars.length + 1), start: time, end: null, outcome: "running" });
      continue;
    }
    const open = rows.get(event.stepId)?.bars.at(-1);
    // A wait (timer, approval, child runs) is part of the attempt: the bar stays open until it ends.
    if (event.type === "step.waiting" && open && open.end === null) open.outcome = "waiting";
    const outcome = endings[event.type];
    if (outcome && open && open.end === null) {
      open.end = time;
      open.outcome = outcome;
    }
  }
  return [...rows.values()];
}

/** The span the timeline draws: first start to last end (or now, while something runs). */
export function timelineSpan(rows: readonly TimelineRow[], now: number): { start: number; end: number } | null {
  const bars = rows.flatMap((row) => row.bars);
  if (bars.length === 0) return null;
  const start = Math.min(...bars.map((bar) => bar.start));
  const end = Math.max(...bars.map((bar) => bar.end ?? now));
  return { start, end: Math.max(end, start + 1) };
}
