import type { RunStatus } from "@/engine/definition";

/** The one look of a run status (badge background, text and ring), wherever a status is shown. */
export const runStatusStyles: Record<RunStatus, string> = {
  pending: "bg-slate-100 text-slate-700 ring-slate-500/20",
  running: "bg-sky-50 text-sky-700 ring-sky-600/20",
  completed: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  failed: "bg-rose-50 text-rose-700 ring-rose-600/20",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-600/20",
};
