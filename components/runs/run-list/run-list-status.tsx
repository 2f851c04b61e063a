import type { RunStatus } from "@/engine/definition";
import { runStatusStyles } from "@/components/runs/run-status-styles";

/** A run's status in a table cell; a running run's dot pulses. */
export function RunListStatus({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${runStatusStyles[status]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full bg-current ${status === "running" ? "animate-pulse" : ""}`} />
      {status}
    </span>
  );
}
