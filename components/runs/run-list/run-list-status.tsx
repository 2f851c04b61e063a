import type { RunStatus } from "@/engine/definition";

const styles: Record<RunStatus, string> = {
  pending: "bg-slate-100 text-slate-700 ring-slate-500/20",
  running: "bg-sky-50 text-sky-700 ring-sky-600/20",
  completed: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  failed: "bg-rose-50 text-rose-700 ring-rose-600/20",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

/** A run's status in a table cell; a running run's dot pulses. */
export function RunListStatus({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full bg-current ${status === "running" ? "animate-pulse" : ""}`} />
      {status}
    </span>
  );
}
