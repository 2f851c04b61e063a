import jsonata from "jsonata";
import { parseTemplate } from "../definition/fields";
import { limits } from "../definition/limits";
import { PermanentError } from "../errors";

/** What an expression sees: `$input`, `$steps.<id>.output`, `$vars`, `$run`, plus step-specific names. */
export interface ExpressionScope {
  input: unknown;
  steps: Record<string, { output: unknown }>;
  vars: Record<string, unknown>;
  run: { id: string; attempt?: number; startedAt?: string | null };
  extra?: Record<string, unknown>;
}

type Compiled = ReturnType<typeof jsonata>;
const cacheLimit = 2_000;
const compiledBySource = new Map<string, Compiled>();

function compile(source: string, timeoutMs: number): Compiled {
  const key = `${timeoutMs}\u0000${source}`;
  let compiled = compiledBySource.get(key);
  if (!compiled) {
    try {
      // The time box and depth/sequence caps are jsonata's own guardrails, checked at every node.
      compiled = jsonata(source, { timeout: timeoutMs, stack: 500, sequence: 1_000_000 } as never);
    } catch (error) {
      throw new PermanentError(`invalid expression: ${(error as Error).message}`);
    }
    if (compiledBySource.size >= cacheLimit) compiledBySource.delete(compiledBySource.keys().next().value!);
    compiledBySource.set(key, compiled);
  }
  return compiled;
}

/**
 * Evaluates a JSONata expression against a scope. The result is plain JSON (undefined → null).
 * Evaluation errors and time-box overruns are permanent: the same expression fails the same way.
 *
 * @example
 * await evaluateExpression("$input.total > 100", { input: { total: 120 }, steps: {}, vars: {}, run: { id: "r1" } }) // true
 */
export async function evaluateExpression(
  source: string,
  scope: ExpressionScope,
  timeoutMs: number = limits.expressionTimeoutMs,
): Promise<unknown> {
  const compiled = compile(source, timeoutMs);
  const bindings = { input: scope.input, steps: scope.steps, vars: scope.vars, run: scope.run, ...scope.extra };
  try {
    return toJson(await compiled.evaluate(scope.input ?? null, bindings));
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const reason = code === "U1001" ? `took longer than its ${timeoutMs} ms time box` : (message ?? String(error));
    throw new PermanentError(`expression failed: ${reason} (in: ${source.slice(0, 120)})`);
  }
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

/** JSONata results can carry sequence flags and functions: keep only the JSON. */
function toJson(value: unknown): unknown {
  if (value === undefined || isFunction(value)) return null;
  if (value === null || typeof value !== "object") return value;
  const text = JSON.stringify(value, (_key, item: unknown) => (isFunction(item) ? undefined : item));
  return text === undefined ? null : JSON.parse(text);
}

/** JSONata lambdas are objects that close over their (circular) environment. */
function isFunction(value: unknown): boolean {
  return typeof value === "function" || (typeof value === "object" && value !== null && "_jsonata_lambda" in value);
}
