/** JSONata results can carry sequence flags and functions: keep only the JSON. */
export function toJson(value: unknown): unknown {
  if (value === undefined || isFunction(value)) return null;
  if (value === null || typeof value !== "object") return value;
  return JSON.parse(toJsonText(value));
}

/** The JSON text of a result, functions left out; `null` for undefined. */
export function toJsonText(value: unknown): string {
  if (value === undefined || isFunction(value)) return "null";
  return JSON.stringify(value, (_key, item: unknown) => (isFunction(item) ? undefined : item)) ?? "null";
}

/** JSONata lambdas are objects that close over their (circular) environment. */
function isFunction(value: unknown): boolean {
  return typeof value === "function" || (typeof value === "object" && value !== null && "_jsonata_lambda" in value);
}
