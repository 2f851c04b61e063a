import { createContext } from "react";
import type { StepStatus } from "@/engine/definition";

/** A step's live state on the run view: its status and the sentence its node shows. */
export interface StepRunState {
  status: StepStatus;
  label: string;
}

/** Step id → live state; null outside a run view. */
export const StepRunStateContext = createContext<ReadonlyMap<string, StepRunState> | null>(null);

export const runStateStyles: Record<StepStatus, { border: string; pill: string }> = {
  pending: { border: "", pill: "bg-slate-100 text-slate-600" },
  queued: { border: "!border-sky-300", pill: "bg-sky-50 text-sky-700" },
  running: { border: "!border-sky-500 ring-2 ring-sky-400/40", pill: "bg-sky-100 text-sky-800 animate-pulse" },
  retrying: { border: "!border-amber-500", pill: "bg-amber-100 text-amber-800" },
  waiting: { border: "!border-violet-400", pill: "bg-violet-100 text-violet-800" },
  completed: { border: "!border-emerald-500", pill: "bg-emerald-100 text-emerald-800" },
  failed: { border: "!border-rose-500 ring-2 ring-rose-400/40", pill: "bg-rose-100 text-rose-800" },
  skipped: { border: "opacity-60", pill: "bg-slate-100 text-slate-500" },
  resolved: { border: "!border-teal-500", pill: "bg-teal-100 text-teal-800" },
  cancelled: { border: "!border-stone-400", pill: "bg-stone-200 text-stone-700" },
};
