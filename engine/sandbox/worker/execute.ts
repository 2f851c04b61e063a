import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten";
import { limits } from "../../definition/limits";
import type { Outcome, RunMessage } from "../protocol";
import type { Engine, Prepared } from "./quickjs";
import type { RunWatch } from "./watch";

export type Answer = [outcome: Outcome, payload: string];

/** The driver and classifier bundles (`driver/`), evaluated inside QuickJS. */
export interface DriverSources {
  driver: string;
  classifier: string;
}

/** A fresh context with the driver compiled: the costly part of a run, done while idle. */
export function prepare(engine: Engine, watch: RunWatch, sources: DriverSources): Prepared {
  watch.idle();
  const context = engine.runtime.newContext();
  const result = context.evalCode(sources.driver, "orka-code-step.js");
  if (result.error) {
    const text = escapedAnswer(context, result.error, watch)[1];
    result.error.dispose();
    context.dispose();
    throw new Error("sandbox driver failed: " + text);
  }
  return { context, run: result.value };
}

/**
 * Runs one request; `onStart` is called just before its deadline starts and the user code runs.
 * The context is disposed only after a clean finish; otherwise the caller drops the engine
 * (disposing a runtime with a leaked handle aborts the module).
 */
export function execute(engine: Engine, watch: RunWatch, sources: DriverSources, message: RunMessage, onStart: () => void): { answer: Answer; reusable: boolean } {
  const prepared = engine.spare || prepare(engine, watch, sources);
  engine.spare = null;
  const { context, run } = prepared;
  onStart();
  watch.begin(message.timeoutMs);
  let answer: Answer;
  let reusable = false;
  try {
    const source = context.newString(message.source);
    const globals = context.newString(message.globalsJson);
    let result;
    try {
      result = context.callFunction(run, context.undefined, source, globals);
    } finally {
      source.dispose();
      globals.dispose();
    }
    const outcome = result.error || context.typeof(result.value) === "string" ? result : classify(context, result.value, sources);
    if (outcome.error) {
      // Only uncatchable errors get here: interrupts, or a failure inside the driver itself.
      answer = escapedAnswer(context, outcome.error, watch);
      outcome.error.dispose();
    } else {
      answer = decode(context.getString(outcome.value), watch);
      outcome.value.dispose();
      reusable = answer[0] !== "memory";
    }
  } finally {
    watch.running = false;
    if (reusable) {
      run.dispose();
      context.dispose();
    }
  }
  return { answer, reusable };
}

/** Classifies a failure record (still under the deadline: thrown values may run user getters). Consumes it. */
function classify(context: QuickJSContext, record: QuickJSHandle, sources: DriverSources) {
  const compiled = context.evalCode(sources.classifier, "orka-classify.js");
  if (compiled.error) {
    record.dispose();
    return compiled;
  }
  const outcome = context.callFunction(compiled.value, context.undefined, record);
  compiled.value.dispose();
  record.dispose();
  return outcome;
}

/** What an error that escaped the driver means: an interrupt, out of memory, or a sandbox fault. */
export function escapedAnswer(context: QuickJSContext, errorHandle: QuickJSHandle, watch: RunWatch): Answer {
  if (watch.interruptReason) return [watch.interruptReason, ""];
  const dumped: unknown = context.dump(errorHandle);
  if (dumped === null && watch.growRefused) return ["memory", "out of memory"];
  const text = dumped && typeof dumped === "object" ? String((dumped as Error).name) + ": " + String((dumped as Error).message) : String(dumped);
  if (text.indexOf("out of memory") >= 0) return ["memory", "out of memory"];
  return ["transient", "sandbox error: " + text.slice(0, 2000)];
}

/** Reads the driver's outcome text (see `driver/record.ts`). */
function decode(text: string, watch: RunWatch): Answer {
  const code = text[0];
  const payload = text.slice(1);
  if (code === "o") {
    if (Buffer.byteLength(payload, "utf8") > limits.stepOutputBytes) {
      return ["permanent", "output too large: more than " + limits.stepOutputBytes + " bytes"];
    }
    return ["ok", payload];
  }
  if (code === "p") return ["permanent", payload];
  if (code === "m") return ["memory", payload];
  if (code === "n") return watch.growRefused ? ["memory", "out of memory"] : decode(payload, watch);
  return ["transient", payload];
}
