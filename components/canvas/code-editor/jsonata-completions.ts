export type CompletionNames = { stepIds: readonly string[]; varNames: readonly string[] };
export type CompletionOption = { label: string; type: "variable" | "function" | "property"; detail?: string };
/** `from` is the offset in the text where the completed word starts. */
export type CompletionMatch = { from: number; options: CompletionOption[] };

const scopeVariables: CompletionOption[] = [
  { label: "$input", type: "variable", detail: "run input" },
  { label: "$steps", type: "variable", detail: "outputs of earlier steps" },
  { label: "$vars", type: "variable", detail: "variables assigned by steps" },
  { label: "$run", type: "variable", detail: "id, attempt, startedAt" },
];

const builtInNames = [
  "sum", "count", "string", "number", "now", "map", "filter", "lookup", "exists", "keys", "append", "join",
  "uppercase", "lowercase", "contains", "substring", "round", "boolean", "not", "merge", "each", "sort",
  "distinct", "average", "max", "min", "toMillis", "fromMillis",
];
const builtIns: CompletionOption[] = builtInNames.map((name) => ({ label: `$${name}`, type: "function" }));

/**
 * What completes at the end of `before` (the text up to the cursor) in a JSONata expression:
 * `$steps.` → step ids, `$steps.<id>.` → `output`, `$vars.` → variable names, `$x` → scope names and
 * built-ins. `explicit` (Ctrl+Space) also offers the scope names where no `$` was typed yet.
 */
export function jsonataCompletions(before: string, names: CompletionNames, explicit = false): CompletionMatch | null {
  const stepMember = /\$steps\.([A-Za-z0-9_]+)\.([A-Za-z_]*)$/.exec(before);
  if (stepMember) return { from: before.length - stepMember[2]!.length, options: [{ label: "output", type: "property" }] };
  const step = /\$steps\.([A-Za-z0-9_]*)$/.exec(before);
  if (step) return { from: before.length - step[1]!.length, options: names.stepIds.map((id) => ({ label: id, type: "property", detail: "step" })) };
  const variable = /\$vars\.([A-Za-z0-9_]*)$/.exec(before);
  if (variable) return { from: before.length - variable[1]!.length, options: names.varNames.map((name) => ({ label: name, type: "property", detail: "var" })) };
  const dollar = /\$[A-Za-z0-9_]*$/.exec(before);
  if (dollar) return { from: dollar.index, options: [...scopeVariables, ...builtIns] };
  if (explicit && !/[A-Za-z0-9_.]$/.test(before)) return { from: before.length, options: [...scopeVariables, ...builtIns] };
  return null;
}

/** Same, for a template: completes only inside an open `{{ … ` part. */
export function templateCompletions(before: string, names: CompletionNames, explicit = false): CompletionMatch | null {
  const open = before.lastIndexOf("{{");
  if (open < 0 || before.lastIndexOf("}}") > open) return null;
  const start = open + 2;
  const match = jsonataCompletions(before.slice(start), names, explicit);
  return match && { ...match, from: match.from + start };
}
