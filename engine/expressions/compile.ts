import jsonata from "jsonata";
import { PermanentError } from "../errors";
import { astOf } from "./ast";
import { guardrails } from "./guardrails";
import { decidePlacement, type Placement } from "./placement";
import { referencedNames } from "./referenced-names";

/** A parsed expression with what was decided about it once: where it runs and which names it reads. */
export interface CompiledExpression {
  compiled: ReturnType<typeof jsonata>;
  placement: Placement;
  names: ReadonlySet<string> | "all";
}

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
    expression = { compiled, placement: decidePlacement(ast), names: referencedNames(ast) };
    if (compiledBySource.size >= cacheLimit) compiledBySource.delete(compiledBySource.keys().next().value!);
    compiledBySource.set(key, expression);
  }
  return expression;
}
