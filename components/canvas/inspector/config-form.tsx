"use client";

import type { FieldDescriptor } from "./config-fields";
import { ConfigField, type Edit } from "./config-field";

type ConfigFormProps = {
  fields: readonly FieldDescriptor[];
  /** Definition path of the object edited, e.g. `steps[2].config`. */
  base: string;
  value: Record<string, unknown>;
  edit: Edit;
};

/** The controls generated from a described object schema (a step config, the retry policy). */
export function ConfigForm({ fields, base, value, edit }: ConfigFormProps) {
  return (
    <div className="space-y-3">
      {fields.map((field) => (
        <ConfigField key={field.key} field={field} base={base} valuePath={[field.key]} value={value[field.key]} edit={edit} />
      ))}
    </div>
  );
}
