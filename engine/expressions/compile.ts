import jsonata from "jsonata";
import { PermanentError } from "../errors";
import { astOf, type AstNode } from "./ast";
import { guardrails } from "./guardrails";
import { dataVariables, decidePlacement, type Placement } from "./placement";
import { referencedNames } from "./referenced-names";

/** A parsed expression with what was decided about it once: where it runs and which names it reads. */
export interface CompiledExpression {
  compiled: ReturnType<typeof jsonata>;
  placement: Placement;
  names: ReadonlySet<string> | "all";
  /** What the expression is when it is nothing but a literal or one run-data variable: evaluated without jsonata. */
  trivial: TrivialExpression | null;
}

/** `1`, `"text"`, `true`, `null`: the value itself; `$vars`, `$input`, …: that binding. */
export type TrivialExpression = { literal: string | number | boolean | null } | { variable: string };

const cacheLimit = 2_000;
const compiledBySource = new Map<string, CompiledExpression>();

/** Parses and checks an expression, or returns the cached result (the oldest of `cacheLimit` goes first). */
export function compileExpression(source: string, timeoutMs: number): CompiledExpression {
  const key = `${timeoutMs}\u0000${source}`;
  let expression = compiledBySource.get(key);
  if (!expression) {
    let compiled: ReturnType<typeof jsonata>;
    try {
      compiled = jsonata(source, guardrails(timeoutMs));
    } catch (error) {
      throw new PermanentError(`invalid expression: ${(error as Error).message}`);
    }
    const ast = astOf(compiled);
    expression = { compiled, placement: decidePlacement(ast), names: referencedNames(ast), trivial: trivialExpression(ast) };
    if (compiledBySource.size >= cacheLimit) compiledBySource.delete(compiledBySource.keys().next().value!);
    compiledBySource.set(key, expression);
  }
  return expression;
}

const literalTypes = new Set(["number", "string", "value"]);

/** A node with nothing attached (no filter, group-by, focus or index binding): only these own keys. */
function isBare(ast: AstNode): boolean {
  return Object.keys(ast).every((key) => key === "type" || key === "value" || key === "position");
}

function trivialExpression(ast: AstNode): TrivialExpression | null {
  if (!isBare(ast)) return null;
  if (literalTypes.has(ast.type)) return { literal: ast.value as string | number | boolean | null };
  if (ast.type === "variable" && typeof ast.value === "string" && dataVariables.has(ast.value)) return { variable: ast.value };
  return null;
}
