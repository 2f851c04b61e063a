import { limits } from "../definition/limits.js";

/**
 * Evaluated in each fresh QuickJS context BEFORE the request arrives (QuickJS parses ~5 µs per
 * line, so compiling this per request would cost ~0.6 ms); it yields `run(source, globalsJson)`.
 * `run` compiles the body with `Function` (so a syntax error is told apart from a runtime throw),
 * runs it and classifies the outcome as ONE string, the first character being the outcome code, so
 * the host makes a single getString call:
 *   "o" + output JSON · "p" + permanent message · "t" + transient message · "m" + memory detail.
 *
 * Hazards handled here:
 * - User code may replace JSON, String, Error… so the builtins are captured before it runs.
 * - Thrown values may have throwing getters or be Proxies: every description is guarded.
 * - Messages and output are clipped inside QuickJS, so a huge string never reaches Node's heap.
 * - `JSON.stringify` silently drops functions and symbols: a replacer makes them an error instead.
 *
 * Plain ES2020 text without backticks: it is embedded in the worker source as a JSON string.
 */
export const OUTPUT_LIMIT_BYTES: number = limits.stepOutputBytes;

export const DRIVER_SOURCE = String.raw`(function () {
  "use strict";
  var global = globalThis;
  var stringify = JSON.stringify, parse = JSON.parse, toText = String, ErrorType = Error;
  var PromiseType = Promise, SyntaxErrorType = SyntaxError, compile = Function;
  var MAX_OUTPUT = OUTPUT_LIMIT;
  var MAX_MESSAGE = 2000;

  class PermanentError extends Error {
    constructor(message) { super(message); this.name = "PermanentError"; }
  }
  class NotSerializable extends Error {}

  function clip(text) { return text.length > MAX_MESSAGE ? text.slice(0, MAX_MESSAGE) + "…" : text; }
  function describeValue(value) {
    try {
      if (typeof value === "string") return value;
      var text = stringify(value);
      return text === undefined ? toText(value) : text;
    } catch (e) {
      try { return toText(value); } catch (e2) { return "(a value that cannot be printed)"; }
    }
  }
  function isInternal(e, message) {
    return e instanceof ErrorType && e.name === "InternalError" && e.message === message;
  }
  function classify(e) {
    try {
      if (isInternal(e, "out of memory") || isInternal(e, "string too long")) return "m" + e.message;
      if (isInternal(e, "stack overflow")) return "pcode step exceeded the stack limit: stack overflow (recursion too deep)";
      if (e instanceof PermanentError) return "p" + clip(toText(e.message));
      if (e instanceof ErrorType) {
        var name = toText(e.name), message = toText(e.message);
        return "t" + clip(name === "Error" ? message || name : message ? name + ": " + message : name);
      }
      return "tnon-Error thrown: " + clip(describeValue(e));
    } catch (inner) {
      return "tcode step threw a value that cannot be described";
    }
  }
  function rejectUnserializable(key, value) {
    var type = typeof value;
    if (type === "function" || type === "symbol" || type === "bigint") {
      var where = key === "" ? "the returned value" : "property " + stringify(key);
      throw new NotSerializable("output is not JSON-serializable: " + where + " is a " + type);
    }
    return value;
  }

  return function run(source, globalsJson) {
    var globals = parse(globalsJson) || {};
    global.input = globals.input;
    global.steps = globals.steps;
    global.vars = globals.vars;
    global.attempt = globals.attempt;
    global.PermanentError = PermanentError;

    var body;
    try { body = compile(source); } catch (e) {
      if (e instanceof SyntaxErrorType) return "p" + clip("SyntaxError: " + toText(e.message));
      return classify(e);
    }
    var output;
    try { output = body(); } catch (e) { return classify(e); }
    if (output instanceof PromiseType) return "pcode step must return synchronously (it returned a Promise)";

    var json;
    try { json = output === undefined ? "null" : stringify(output, rejectUnserializable); } catch (e) {
      if (e instanceof NotSerializable) return "p" + clip(e.message);
      var resource = classify(e);
      if (resource[0] === "m" || resource.indexOf("stack overflow") >= 0) return resource;
      return "p" + clip("output is not JSON-serializable: " + resource.slice(1));
    }
    if (json === undefined) return "poutput is not JSON-serializable";
    if (json.length > MAX_OUTPUT) return "poutput too large: more than " + MAX_OUTPUT + " bytes";
    return "o" + json;
  };
})()`.replace("OUTPUT_LIMIT", String(OUTPUT_LIMIT_BYTES));
