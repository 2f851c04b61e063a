import { parseTemplate } from "../definition/fields";
import { limits } from "../definition/limits";
import { compileExpression } from "./compile";
import { expressionFailure } from "./failures";
import { isolatedEvaluator } from "./isolated/shared";
import { toJson } from "./to-json";

/** What an expression sees: `$input`, `$steps.<id>.output`, `$vars`, `$run`, plus step-specific names. */
export interface ExpressionScope {
  input: unknown;
  steps: Record<string, { output: unknown }>;
  vars: Record<string, unknown>;
  run: { id: string; attempt?: number; startedAt?: string | null };
  extra?: Record<string, unknown>;
}

/**
 * Evaluates a JSONata expression against a scope. The result is plain JSON (undefined → null).
 * Expressions in the proven-bounded subset run in this process; all others in a child process
 * with a heap limit, killed at the time limit (README.md). Errors are permanent (the same
 * expression fails the same way), except a time-limit overrun, which is a `TimeoutError`.
 *
 * @example
 * await evaluateExpression("$input.total > 100", { input: { total: 120 }, steps: {}, vars: {}, run: { id: "r1" } }) // true
 */
export async function evaluateExpression(
  source: string,
  scope: ExpressionScope,
  timeoutMs: number = limits.expressionTimeoutMs,
): Promise<unknown> {
  const expression = compileExpression(source, timeoutMs);
  const bindings = bindingsFor(expression.names, scope);
  const { trivial } = expression;
  // What jsonata would answer, without running it: the literal, or the binding (as JSON, like every result).
  if (trivial && "literal" in trivial) return trivial.literal;
  if (trivial) return toJson(bindings[trivial.variable]);
  if (!expression.placement.inProcess) return isolatedEvaluator().evaluate({ source, timeoutMs, input: scope.input ?? null, bindings });
  try {
    return toJson(await expression.compiled.evaluate(scope.input ?? null, bindings));
  } catch (error) {
    throw expressionFailure(source, timeoutMs, error as { code?: string; message?: string });
  }
}

/** What `evaluateTrivially` answers for an expression that needs evaluating. */
export const notTrivial: unique symbol = Symbol("not trivial");

/**
 * The value of an expression that needs no evaluation — a literal, or one name of the scope — as
 * `evaluateExpression` resolves it, synchronously; `notTrivial` for any other. For callers that can
 * spare a promise when every expression they hold is trivial (a step's `assign` of constants).
 */
export function evaluateTrivially(source: string, scope: ExpressionScope, timeoutMs: number = limits.expressionTimeoutMs): unknown {
  const expression = compileExpression(source, timeoutMs);
  const { trivial } = expression;
  if (!trivial) return notTrivial;
  if ("literal" in trivial) return trivial.literal;
  return toJson(bindingsFor(expression.names, scope)[trivial.variable]);
}

/** Renders `text {{ expression }} text`; strings are inserted as-is, other values as JSON. */
export async function renderTemplate(text: string, scope: ExpressionScope): Promise<string> {
  let rendered = "";
  for (const part of parseTemplate(text)) {
    if ("literal" in part) rendered += part.literal;
    else {
      const value = await evaluateExpression(part.expression, scope);
      rendered += typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return rendered;
}

/** Only the names the expression mentions: `scope.steps` is built on first read, often never. */
function bindingsFor(names: ReadonlySet<string> | "all", scope: ExpressionScope): Record<string, unknown> {
  const all = names === "all";
  const bindings: Record<string, unknown> = {};
  if (all || names.has("input")) bindings.input = scope.input;
  if (all || names.has("steps")) bindings.steps = scope.steps;
  if (all || names.has("vars")) bindings.vars = scope.vars;
  if (all || names.has("run")) bindings.run = scope.run;
  for (const name in scope.extra) if (all || names.has(name)) bindings[name] = scope.extra[name];
  return bindings;
}
