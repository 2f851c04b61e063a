"use client";
import { useId } from "react";

interface CodeTextAreaProps {
  label: string;
  value: string;
  onChange(value: string): void;
  rows?: number;
  placeholder?: string;
  /** Shown under the field and read with it; marks the field invalid. */
  error?: string | null;
  /** Spacing around the field. */
  className?: string;
}

/** A labelled text area for JSON or YAML typed or pasted by hand: monospace, no spell checking. */
export function CodeTextArea({ label, value, onChange, rows = 3, placeholder, error, className = "" }: CodeTextAreaProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={rows}
        spellCheck={false}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs text-slate-800 aria-invalid:border-rose-500"
      />
      {error && (
        <p id={errorId} className="text-xs text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
