import type { Definition } from "@/engine/definition";

/**
 * A stored draft as the editor's document. Drafts may be invalid (that is what drafts are for), but
 * the canvas needs `steps` and `edges` arrays of objects to draw anything; whatever else is wrong
 * stays as it is, for validation to report.
 */
export function normalizeDraft(draft: unknown, fallbackName: string): Definition {
  const value = isObject(draft) ? draft : {};
  const objects = (list: unknown) => (Array.isArray(list) ? list.filter(isObject) : []);
  return {
    ...value,
    format: (value.format ?? "orka/v1") as Definition["format"],
    name: typeof value.name === "string" ? value.name : fallbackName,
    steps: objects(value.steps),
    edges: objects(value.edges),
  } as Definition;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
