"use client";

import { Field, inputClass, type FieldProps } from "./field-shell";

type SelectFieldProps = Omit<FieldProps, "children"> & {
  value: string | undefined;
  options: readonly string[];
  onChange(value: string | undefined): void;
  /** Offer an empty choice that removes the value (an optional field without a default). */
  allowEmpty?: boolean;
};

export function SelectField({ value, options, onChange, allowEmpty, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} className={inputClass} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
          {(allowEmpty || value === undefined) && <option value="">—</option>}
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
