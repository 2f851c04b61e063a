"use client";

import { Field, inputClass, type FieldProps } from "./field-shell";

type TextFieldProps = Omit<FieldProps, "children"> & {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  multiline?: boolean;
};

export function TextField({ value, onChange, placeholder, multiline, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      {(control) =>
        multiline ? (
          <textarea {...control} rows={3} className={inputClass} value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
        ) : (
          <input {...control} type="text" className={inputClass} value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
        )
      }
    </Field>
  );
}
