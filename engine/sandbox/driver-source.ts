import { limits } from "../definition/limits";

export const OUTPUT_LIMIT_BYTES: number = limits.stepOutputBytes;

/**
 * Evaluated in each fresh QuickJS context before its request (while the worker is idle when it
 * can be); yields `run(source, globalsJson)`. QuickJS compiles slowly (~0.15 µs per character), so
 * this hot part is kept small and the error classification lives in CLASSIFIER_SOURCE, compiled
 * only when a run fails.
 *
 * `run` compiles the body with `Function`, so a syntax error is told apart from a runtime throw.
 * It returns either a string whose first character is the outcome code ("o" + output JSON,
 * "p" + permanent message) or a record [stage, thrown, kit, unserializable] for the classifier.
 * Builtins are captured up front because user code may replace JSON, String, Error…
 * `JSON.stringify` silently drops functions and symbols: the replacer makes them an error instead.
 */
export const DRIVER_SOURCE = String.raw`(function () {
  "use strict";
  var global = globalThis, parse = JSON.parse, stringify = JSON.stringify, compile = Function;
  var PromiseType = Promise, MAX_OUTPUT = OUTPUT_LIMIT, unserializable = null;
  class PermanentError extends Error {
    constructor(message) { super(message); this.name = "PermanentError"; }
  }
  var kit = { stringify: stringify, toText: String, ErrorType: Error, SyntaxErrorType: SyntaxError, PermanentError: PermanentError };
  function check(key, value) {
    var type = typeof value;
    if (type === "function" || type === "symbol" || type === "bigint") throw (unserializable = [key, type]);
    return value;
  }
  return function run(source, globalsJson) {
    var globals = parse(globalsJson) || {}, body, output, json;
    global.input = globals.input;
    global.steps = globals.steps;
    global.vars = globals.vars;
    global.attempt = globals.attempt;
    global.PermanentError = PermanentError;
    try { body = compile(source); } catch (e) { return ["compile", e, kit, null]; }
    try { output = body(); } catch (e) { return ["throw", e, kit, null]; }
    if (output instanceof PromiseType) return "pcode step must return synchronously (it returned a Promise)";
    try { json = output === undefined ? "null" : stringify(output, check); } catch (e) { return ["output", e, kit, unserializable]; }
    if (typeof json !== "string") return "poutput is not JSON-serializable";
    return json.length > MAX_OUTPUT ? "poutput too large: more than " + MAX_OUTPUT + " bytes" : "o" + json;
  };
})()`.replace("OUTPUT_LIMIT", String(OUTPUT_LIMIT_BYTES));

/**
 * Turns a failure record from `run` into an outcome string: "p" permanent, "t" transient,
 * "m" memory. A thrown `null` is prefixed with "n": QuickJS throws null when it cannot allocate
 * even its "out of memory" error, and only the worker can tell (from the wasm heap) which it was;
 * the rest is the outcome of a genuine `throw null`. Runs after user code, so it touches no globals, only the captured `kit`; thrown
 * values may have throwing getters or be Proxies, so every description is guarded. Messages are
 * clipped here so a huge string never reaches Node's heap.
 */
export const CLASSIFIER_SOURCE = String.raw`(function (record) {
  "use strict";
  var stage = record[0], thrown = record[1], kit = record[2], unserializable = record[3];
  var MAX_MESSAGE = 2000;
  function clip(text) { return text.length > MAX_MESSAGE ? text.slice(0, MAX_MESSAGE) + "…" : text; }
  function describeValue(value) {
    try {
      if (typeof value === "string") return value;
      var text = kit.stringify(value);
      return text === undefined ? kit.toText(value) : text;
    } catch (e) {
      try { return kit.toText(value); } catch (e2) { return "(a value that cannot be printed)"; }
    }
  }
  function isInternal(e, message) {
    return e instanceof kit.ErrorType && e.name === "InternalError" && e.message === message;
  }
  function classify(e) {
    if (isInternal(e, "out of memory") || isInternal(e, "string too long")) return "m" + e.message;
    if (isInternal(e, "stack overflow")) return "pcode step exceeded the stack limit: stack overflow (recursion too deep)";
    if (e instanceof kit.PermanentError) return "p" + clip(kit.toText(e.message));
    if (e instanceof kit.ErrorType) {
      var name = kit.toText(e.name), message = kit.toText(e.message);
      return "t" + clip(name === "Error" ? message || name : message ? name + ": " + message : name);
    }
    return "tnon-Error thrown: " + clip(describeValue(e));
  }
  function outcome() {
    if (stage === "compile" && thrown instanceof kit.SyntaxErrorType) return "p" + clip("SyntaxError: " + kit.toText(thrown.message));
    if (stage !== "output") return classify(thrown);
    if (unserializable && thrown === unserializable) {
      var where = unserializable[0] === "" ? "the returned value" : "property " + kit.stringify(unserializable[0]);
      return "poutput is not JSON-serializable: " + where + " is a " + unserializable[1];
    }
    var classified = classify(thrown);
    if (classified[0] === "m" || classified.indexOf("stack overflow") >= 0) return classified;
    return "p" + clip("output is not JSON-serializable: " + classified.slice(1));
  }
  try {
    return (thrown === null ? "n" : "") + outcome();
  } catch (inner) {
    return "tcode step threw a value that cannot be described";
  }
})`;
