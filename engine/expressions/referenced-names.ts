import type { AstNode } from "./ast";

/**
 * The variable names an expression mentions (`$input` → "input"), so only those bindings are built
 * and sent; "all" when it mentions `$eval`, which parses a string at run time.
 *
 * @example
 * referencedNames(astOf(jsonata("$vars.a & $steps.b.output"))) // Set { "vars", "steps" }
 */
export function referencedNames(ast: AstNode): ReadonlySet<string> | "all" {
  const names = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const { type, value } = node as AstNode;
    if (type === "variable" && typeof value === "string") names.add(value);
    Object.values(node).forEach(visit);
  };
  visit(ast);
  return names.has("eval") ? "all" : names;
}
