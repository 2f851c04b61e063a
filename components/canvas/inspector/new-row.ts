import type { FieldDescriptor } from "./config-fields";

/**
 * A fresh row for a list of objects: defaults where the schema has them, a unique `label`
 * (`case_3`) where rows are branches, else empty values for the validator to point at.
 */
export function newRow(fields: readonly FieldDescriptor[], rows: readonly unknown[], noun: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.defaultValue !== undefined) row[field.key] = field.defaultValue;
    else if (field.optional) continue;
    else if (field.key === "label") row[field.key] = uniqueLabel(rows, noun.toLowerCase());
    else if (field.kind === "number") row[field.key] = field.min ?? 0;
    else if (field.kind === "boolean") row[field.key] = false;
    else if (field.kind === "enum") row[field.key] = field.options[0];
    else if (field.kind === "objectList") row[field.key] = [];
    else if (field.kind === "record" || field.kind === "json") row[field.key] = {};
    else row[field.key] = "";
  }
  return row;
}

function uniqueLabel(rows: readonly unknown[], prefix: string): string {
  const taken = new Set(rows.map((row) => (row as { label?: unknown } | null)?.label));
  for (let n = rows.length + 1; ; n++) if (!taken.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}
