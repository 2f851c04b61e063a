"use client";

import { useState } from "react";
import { parseNumberText } from "./config-values";
import { Field, inputClass, type FieldProps } from "./field-shell";

type NumberFieldProps = Omit<FieldProps, "children"> & {
  value: number | undefined;
  /** Called with a number, or undefined when the input is emptied; never with half-typed text. */
  onChange(value: number | undefined): void;
  placeholder?: string;
  integer?: boolean;
};

/**
 * Text the user is typing stays on screen even when it does not parse yet ("1e", "-"); it is
 * dropped as soon as the stored value changes for another reason (undo), so the store wins.
 */
export function NumberField({ value, onChange, placeholder, integer, ...field }: NumberFieldProps) {
  const [draft, setDraft] = useState<{ text: string; forValue: number | undefined } | null>(null);
  const text = draft && draft.forValue === value ? draft.text : value === undefined ? "" : String(value);
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode={integer ? "numeric" : "decimal"}
          className={`${inputClass} font-mono`}
          value={text}
          placeholder={placeholder}
          onChange={(event) => {
            const parsed = parseNumberText(event.target.value);
            const next = parsed === "invalid" ? value : parsed;
            setDraft({ text: event.target.value, forValue: next });
            if (parsed !== "invalid" && parsed !== value) onChange(parsed);
          }}
          onBlur={() => setDraft(null)}
        />
      )}
    </Field>
  );
}
