import { createContext } from "react";

/** How a step differs between two versions, drawn on the canvas while comparing. */
export type StepDecoration = "added" | "removed" | "changed" | "moved";

/** Step id → decoration; null outside a comparison (nodes then read nothing). */
export const StepDecorationContext = createContext<ReadonlyMap<string, StepDecoration> | null>(null);

export const decorationStyles: Record<StepDecoration, string> = {
  added: "!border-emerald-500 !bg-emerald-50 text-emerald-800",
  removed: "!border-rose-400 !bg-rose-50 opacity-70 text-rose-800 [&_.block]:line-through",
  changed: "!border-amber-500 !bg-amber-50 text-amber-800",
  moved: "!border-sky-400 text-sky-800",
};
