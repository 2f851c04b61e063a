import type { ReactNode } from "react";

interface ToggleButtonProps {
  pressed: boolean;
  onToggle(): void;
  children: ReactNode;
}

/** A filter chip: a button whose pressed state is announced (`aria-pressed`) and shown. */
export function ToggleButton({ pressed, onToggle, children }: ToggleButtonProps) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onToggle}
      className={`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
        pressed ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
      }`}
    >
      {children}
    </button>
  );
}
