"use client";
import { useId, type ReactNode } from "react";

/** The selects of the filter bars (runs, audit log). */
export const filterSelectStyle =
  "block rounded-lg border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none";

/** A label beside its control (filter bars); `children` gets the id to put on the control. */
export function InlineField({ label, children }: { label: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className="flex shrink-0 items-center gap-2">
      <label htmlFor={id} className="text-sm whitespace-nowrap text-slate-500">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
