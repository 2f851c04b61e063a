import { limits } from "../../definition/limits";
import type { FailureRecord, Kit, OutcomeText, Unserializable } from "./record";

/**
 * Evaluated in each fresh QuickJS context before its request (while the worker is idle when it
 * can be); the bundle's value is `run`. QuickJS compiles slowly (~0.15 µs per character), so this
 * hot part is kept small and the error classification lives in `classify.ts`, compiled only when a
 * run fails.
 *
 * `run` compiles the body with `Function`, so a syntax error is told apart from a runtime throw.
 * It returns an outcome text ("o" + output JSON, "p" + permanent message) or a `FailureRecord` for
 * the classifier. Builtins are captured here, up front, because user code may replace JSON,
 * String, Error… `JSON.stringify` silently drops functions and symbols: the replacer makes them
 * an error instead.
 */
const global = globalThis as unknown as Record<string, unknown>;
const parse = JSON.parse;
const stringify = JSON.stringify;
const compile = Function;
const PromiseType = Promise;
const maxOutput = limits.stepOutputBytes;
let unserializable: Unserializable | null = null;

class PermanentError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = "PermanentError";
  }
}

const kit: Kit = { stringify, toText: String, ErrorType: Error, SyntaxErrorType: SyntaxError, PermanentError };

function check(key: string, value: unknown): unknown {
  const type = typeof value;
  if (type === "function" || type === "symbol" || type === "bigint") throw (unserializable = [key, type]);
  return value;
}

export function run(source: string, globalsJson: string): OutcomeText | FailureRecord {
  const globals = (parse(globalsJson) || {}) as Record<string, unknown>;
  let body: () => unknown;
  let output: unknown;
  let json: string | undefined;
  global.input = globals.input;
  global.steps = globals.steps;
  global.vars = globals.vars;
  global.attempt = globals.attempt;
  global.PermanentError = PermanentError;
  try {
    body = compile(source) as () => unknown;
  } catch (e) {
    return ["compile", e, kit, null];
  }
  try {
    output = body();
  } catch (e) {
    return ["throw", e, kit, null];
  }
  if (output instanceof PromiseType) return "pcode step must return synchronously (it returned a Promise)";
  try {
    json = output === undefined ? "null" : stringify(output, check);
  } catch (e) {
    return ["output", e, kit, unserializable];
  }
  if (typeof json !== "string") return "poutput is not JSON-serializable";
  return json.length > maxOutput ? "poutput too large: more than " + maxOutput + " bytes" : "o" + json;
}
