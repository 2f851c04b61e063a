import type { RunStatus } from "@/engine/definition/statuses";
import { runStatusStyles } from "@/components/runs/run-status-styles";

/** The status of a workflow's latest run, or "No runs yet". */
export function RunStatusBadge({ status }: { status: RunStatus | null }) {
  const style = status ? runStatusStyles[status] : "bg-white text-slate-500 ring-slate-300";
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      {status && <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />}
      {status ? `Last run ${status}` : "No runs yet"}
    </span>
  );
}
