"use client";
import { useId, type ReactElement } from "react";

/** A row of radio buttons in a fieldset named by `legend`. */
export function FormatChoice<Value extends string>({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: Value;
  options: readonly (readonly [Value, string])[];
  onChange(value: Value): void;
}): ReactElement {
  const name = useId();
  return (
    <fieldset className="flex items-center gap-4">
      <legend className="sr-only">{legend}</legend>
      <span aria-hidden="true" className="text-xs font-medium text-slate-500">
        Format
      </span>
      {options.map(([option, label]) => (
        <label key={option} className="flex items-center gap-1.5 text-sm text-slate-700">
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
