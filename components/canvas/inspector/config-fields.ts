import type { z } from "zod";
import { fieldKindOf } from "@/engine/definition/fields";
import { fieldLabel } from "./field-labels";

type FieldBase = {
  key: string;
  label: string;
  /** Leaving it empty removes the key (the schema accepts the config without it). */
  optional: boolean;
  /** The schema's default, shown as a placeholder. */
  defaultValue?: unknown;
};
export type ScalarKind = "text" | "expression" | "template" | "code";
export type FieldDescriptor = FieldBase &
  (
    | { kind: ScalarKind }
    | { kind: "number"; integer: boolean; min?: number; max?: number }
    | { kind: "enum"; options: string[] }
    | { kind: "boolean" }
    | { kind: "objectList"; itemFields: FieldDescriptor[] }
    | { kind: "record"; valueKind: ScalarKind }
    | { kind: "json" }
  );

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The form for a step config, read from its zod 4 schema: one descriptor per key. Returns null
 * when the schema is not an object (the inspector then edits the config as JSON).
 */
export function describeConfigSchema(schema: z.ZodType): FieldDescriptor[] | null {
  const object = unwrap(schema).schema;
  const def = defOf(object);
  if (def.type !== "object") return null;
  return Object.entries(def.shape as Record<string, z.ZodType>).map(([key, field]) => describeField(key, field));
}

function describeField(key: string, schema: z.ZodType): FieldDescriptor {
  const { schema: inner, optional, defaultValue } = unwrap(schema);
  const base: FieldBase = { key, label: fieldLabel(key), optional, ...(defaultValue !== undefined && { defaultValue }) };
  const marked = fieldKindOf(inner);
  if (marked) return { ...base, kind: marked };
  const def = defOf(inner);
  switch (def.type) {
    case "string":
      return { ...base, kind: "text" };
    case "number": {
      const number = inner as z.ZodNumber;
      const bound = (value: number | null) => (value !== null && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined);
      const [min, max] = [bound(number.minValue), bound(number.maxValue)];
      return { ...base, kind: "number", integer: number.isInt, ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
    }
    case "enum":
      return { ...base, kind: "enum", options: Object.values(def.entries as Record<string, string>) };
    case "boolean":
      return { ...base, kind: "boolean" };
    case "array": {
      const itemFields = describeConfigSchema(def.element as z.ZodType);
      return itemFields ? { ...base, kind: "objectList", itemFields } : { ...base, kind: "json" };
    }
    case "record": {
      const value = unwrap(def.valueType as z.ZodType).schema;
      const valueKind = fieldKindOf(value) ?? (defOf(value).type === "string" ? "text" : undefined);
      return valueKind ? { ...base, kind: "record", valueKind } : { ...base, kind: "json" };
    }
    default:
      return { ...base, kind: "json" };
  }
}

/** Peels optional/default/prefault/nullable/pipe; refine and superRefine are checks on the same def. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean; defaultValue?: unknown } {
  let current = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    if (fieldKindOf(current)) break;
    const def = defOf(current);
    if (def.type === "optional" || def.type === "nullable") optional = true;
    else if (def.type === "default" || def.type === "prefault") {
      optional = true;
      defaultValue ??= def.defaultValue;
    } else if (def.type !== "pipe") break;
    current = (def.type === "pipe" ? def.in : def.innerType) as z.ZodType;
  }
  return { schema: current, optional, ...(defaultValue !== undefined && { defaultValue }) };
}
