import { z } from "zod";
import { limits } from "./limits";

/**
 * Config fields that hold JSONata are marked in the schema itself (zod metadata), so the
 * validator, the engine and the canvas inspector all find them from one place.
 */
export type FieldKind = "expression" | "template" | "code";

const kindKey = "orkaField";

/** A JSONata expression evaluated when the step runs, e.g. `$input.total > 100`. */
export const expression = () =>
  z.string().min(1, "expression is empty").max(limits.expressionChars).meta({ [kindKey]: "expression" });

/** Text with `{{ expression }}` parts, e.g. `https://api.example.com/orders/{{ $input.id }}`. */
export const template = () => z.string().max(limits.expressionChars).meta({ [kindKey]: "template" });

/** JavaScript function body for the code step. */
export const codeSource = () =>
  z.string().min(1, "source is empty").max(limits.codeSourceChars).meta({ [kindKey]: "code" });

export function fieldKindOf(schema: z.ZodType): FieldKind | undefined {
  return (schema.meta() as Record<string, unknown> | undefined)?.[kindKey] as FieldKind | undefined;
}

export interface MarkedValue {
  path: (string | number)[];
  kind: FieldKind;
  source: string;
}

/** Walks a parsed config alongside its schema and returns every expression/template/code string. */
export function collectMarkedValues(schema: z.ZodType, value: unknown, path: (string | number)[] = []): MarkedValue[] {
  const kind = fieldKindOf(schema);
  if (kind) return typeof value === "string" ? [{ path, kind, source: value }] : [];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
      return collectMarkedValues(def.innerType as z.ZodType, value, path);
    case "pipe":
      return collectMarkedValues(def.in as z.ZodType, value, path);
    case "object": {
      if (typeof value !== "object" || value === null) return [];
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(shape).flatMap(([key, field]) =>
        collectMarkedValues(field, (value as Record<string, unknown>)[key], [...path, key]),
      );
    }
    case "array":
      if (!Array.isArray(value)) return [];
      return value.flatMap((item, index) => collectMarkedValues(def.element as z.ZodType, item, [...path, index]));
    case "record":
      if (typeof value !== "object" || value === null) return [];
      return Object.entries(value).flatMap(([key, item]) =>
        collectMarkedValues(def.valueType as z.ZodType, item, [...path, key]),
      );
    default:
      return [];
  }
}

/** Splits a template into literal text and `{{ expression }}` parts. */
export function parseTemplate(text: string): ({ literal: string } | { expression: string })[] {
  const parts: ({ literal: string } | { expression: string })[] = [];
  const pattern = /\{\{([\s\S]*?)\}\}/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ literal: text.slice(last, match.index) });
    parts.push({ expression: match[1]!.trim() });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  return parts;
}
