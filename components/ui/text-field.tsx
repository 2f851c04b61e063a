"use client";
import { useId } from "react";

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Shown under the field and read with it; marks the field invalid. */
  error?: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  /** Lines of a multiline field. */
  rows?: number;
  /** JSON or code: a monospace font and no spell checking. */
  code?: boolean;
  /** Single-line fields only: what the browser offers (password managers read `autoComplete`). */
  type?: "text" | "email" | "password";
  autoComplete?: string;
}

const inputStyle =
  "mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:ring-2 focus:outline-none";
const validStyle = "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/30";
const invalidStyle = "border-rose-400 focus:border-rose-500 focus:ring-rose-500/30";

/** A labelled input whose hint and error are part of its accessible description. */
export function TextField({ label, value, onChange, error, hint, required, multiline, rows = 3, code, type = "text", autoComplete = "off" }: TextFieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const props = {
    id,
    value,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: `${inputStyle} ${error ? invalidStyle : validStyle}${code ? " font-mono text-xs" : ""}`,
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required && (
          <span aria-hidden="true" className="text-rose-600">
            {" "}
            *
          </span>
        )}
      </label>
      {multiline ? (
        <textarea {...props} rows={rows} spellCheck={!code} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...props} type={type} autoComplete={autoComplete} spellCheck={false} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** A failure that belongs to the whole form rather than one field. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
      {message}
    </p>
  );
}
