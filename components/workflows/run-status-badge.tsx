import type { RunStatus } from "@/engine/definition/statuses";

const styles: Record<RunStatus, string> = {
  pending: "bg-slate-100 text-slate-700 ring-slate-500/20",
  running: "bg-sky-50 text-sky-700 ring-sky-600/20",
  completed: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  failed: "bg-rose-50 text-rose-700 ring-rose-600/20",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

/** The status of a workflow's latest run, or "No runs yet". */
export function RunStatusBadge({ status }: { status: RunStatus | null }) {
  const style = status ? styles[status] : "bg-white text-slate-500 ring-slate-300";
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      {status && <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />}
      {status ? `Last run ${status}` : "No runs yet"}
    </span>
  );
}
