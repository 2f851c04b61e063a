import type { RunStatus } from "@/engine/definition";

const styles: Record<RunStatus, string> = {
  pending: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
  cancelled: "bg-amber-100 text-amber-900",
};

export function RunStatusPill({ status }: { status: RunStatus }) {
  return (
    <span role="status" aria-label="Run status" className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${styles[status]}`}>
      {status}
    </span>
  );
}
