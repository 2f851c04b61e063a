/**
 * Config a newly added step starts with: valid where the type allows it, so a fresh step is not
 * badged. `subworkflow` and `map` need a workflow chosen, so they start (knowingly) incomplete.
 */
const defaultConfigs: Record<string, Record<string, unknown>> = {
  code: { source: "return input" },
  condition: { expression: "true" },
  switch: { cases: [{ label: "case_1", expression: "true" }] },
  http: { method: "GET", url: "https://example.com" },
  delay: { ms: 1000 },
  map: { items: "$input.items" },
};

export function defaultConfig(type: string): Record<string, unknown> {
  return structuredClone(defaultConfigs[type] ?? {});
}
