import { CLASSIFIER_SOURCE, DRIVER_SOURCE, OUTPUT_LIMIT_BYTES } from "./driver-source";

/**
 * The sandbox worker, as CommonJS text for `new Worker(WORKER_SOURCE, { eval: true })`. A string,
 * not a file, because bundlers (Next/Turbopack) break relative worker paths; and not
 * `fn.toString()`, because transpilers may inject helpers into it.
 *
 * One QuickJS module + runtime per worker, reused across runs; a fresh context per run. After any
 * incident (timeout, abort, out of memory, an exception thrown through the wasm frames) the module
 * is dropped unused, never disposed: disposing a runtime with a leaked handle aborts the module, and
 * a native stack overflow leaves QuickJS's stack bookkeeping corrupt. A fresh module costs ~10-25 ms.
 *
 * Memory: the wasm memory is created here with a hard `maximum` (4 × memoryBytes + 16 MiB): growth
 * beyond it fails, malloc returns NULL and QuickJS throws "out of memory" at once instead of growing
 * to 2 GB. When even that error cannot be allocated, QuickJS throws `null`; the worker tells this
 * apart from a genuine `throw null` by watching the heap's growth (see watchGrowth).
 * QuickJS's own setMemoryLimit counts 8 bytes per live allocation (no malloc_usable_size), each of
 * which takes more than that in the heap, so set to the same cap it refuses only a single request
 * bigger than the room left, never a small one: a `null` from out-of-memory always follows a
 * refused growth. (Set to memoryBytes it would fire first on many small objects, unobservably.)
 */
const WORKER_BODY = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");

const PAGE = 65536;
const MIN_PAGES = 256; // the QuickJS wasm imports at least 16 MiB
const MAX_PAGES = 32768; // 2 GiB, emscripten's heap maximum
const STACK_BYTES = 384 * 1024; // 256-480 KB: catchable "stack overflow"; 512 KB+ can kill Node
const RECYCLE_HEAP_BYTES = 64 * 1024 * 1024; // a wasm heap never shrinks: drop a module grown past this

const abortFlag = workerData.abortFlag;
let engine = null; // { module, runtime, memory, maxPages, spare }
let running = false; // the abort flag and the request deadline apply only while user code runs
let deadline = 0;
let interruptReason = "";
let growRefused = false; // whether the heap's latest attempt to grow was refused (it is at its maximum)

function loadQuickJS() {
  const failures = [];
  for (const base of workerData.resolveBases) {
    try {
      return createRequire(base)("quickjs-emscripten");
    } catch (error) {
      failures.push(base + ": " + String(error && error.message).split("\n")[0]);
    }
  }
  throw new Error("cannot load quickjs-emscripten (" + failures.join("; ") + ")");
}
const QuickJS = loadQuickJS();

function shouldInterrupt() {
  if (running && Atomics.load(abortFlag, 0) !== 0) {
    interruptReason = "cancelled";
    return true;
  }
  if (Date.now() > deadline) {
    interruptReason = "timeout";
    return true;
  }
  return false;
}

function pagesFor(memoryBytes) {
  const pages = Math.ceil((4 * memoryBytes + 16 * 1024 * 1024) / PAGE);
  return Math.min(MAX_PAGES, Math.max(MIN_PAGES, pages));
}

/**
 * Emscripten grows the heap with memory.grow(), trying 1.2×, 1.1× then 1.05×; malloc returns NULL
 * only when all are refused. The last attempt's result is thus "is the heap full", which survives
 * the unwinding that frees the user's data (QuickJS's own counters drop back by then).
 */
function watchGrowth(memory) {
  const grow = memory.grow;
  memory.grow = (pages) => {
    try {
      const previous = grow.call(memory, pages);
      growRefused = false;
      return previous;
    } catch (error) {
      growRefused = true;
      throw error;
    }
  };
  return memory;
}

async function getEngine(memoryBytes) {
  const maxPages = pagesFor(memoryBytes);
  if (engine && engine.maxPages === maxPages) return engine;
  engine = null;
  const memory = watchGrowth(new WebAssembly.Memory({ initial: MIN_PAGES, maximum: maxPages }));
  const variant = QuickJS.newVariant(QuickJS.RELEASE_SYNC, { wasmMemory: memory });
  const module = await QuickJS.newQuickJSWASMModuleFromVariant(variant);
  const runtime = module.newRuntime();
  runtime.setMaxStackSize(STACK_BYTES);
  runtime.setMemoryLimit(maxPages * PAGE);
  runtime.setInterruptHandler(shouldInterrupt);
  engine = { module, runtime, memory, maxPages, spare: null };
  return engine;
}

/** A fresh context with the driver compiled: the costly part of a run, done while idle. */
function prepare(current) {
  running = false;
  deadline = Date.now() + 5000;
  const context = current.runtime.newContext();
  const result = context.evalCode(DRIVER_SOURCE, "orka-code-step.js");
  if (result.error) {
    const text = escapedAnswer(context, result.error)[1];
    result.error.dispose();
    context.dispose();
    throw new Error("sandbox driver failed: " + text);
  }
  return { context, run: result.value };
}

function prepareSpare() {
  if (!engine || engine.spare) return;
  try {
    engine.spare = prepare(engine);
  } catch {
    engine = null;
  }
}

/** Classifies a failure record (still under the deadline: thrown values may run user getters). Consumes it. */
function classify(context, record) {
  const compiled = context.evalCode(CLASSIFIER_SOURCE, "orka-classify.js");
  if (compiled.error) {
    record.dispose();
    return compiled;
  }
  const outcome = context.callFunction(compiled.value, context.undefined, record);
  compiled.value.dispose();
  record.dispose();
  return outcome;
}

function escapedAnswer(context, errorHandle) {
  if (interruptReason) return [interruptReason, ""];
  const dumped = context.dump(errorHandle);
  if (dumped === null && growRefused) return ["memory", "out of memory"];
  const text = dumped && typeof dumped === "object" ? String(dumped.name) + ": " + String(dumped.message) : String(dumped);
  if (text.indexOf("out of memory") >= 0) return ["memory", "out of memory"];
  return ["transient", "sandbox error: " + text.slice(0, 2000)];
}

/** Runs one request. The context is disposed only after a clean finish; otherwise the caller drops the engine. */
function execute(current, message) {
  const prepared = current.spare || prepare(current);
  current.spare = null;
  const { context, run } = prepared;
  interruptReason = "";
  growRefused = false;
  deadline = Date.now() + message.timeoutMs;
  running = true;
  let answer;
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
    const outcome = result.error || context.typeof(result.value) === "string" ? result : classify(context, result.value);
    if (outcome.error) {
      // Only uncatchable errors get here: interrupts, or a failure inside the driver itself.
      answer = escapedAnswer(context, outcome.error);
      outcome.error.dispose();
    } else {
      answer = decode(context.getString(outcome.value));
      outcome.value.dispose();
      reusable = answer[0] !== "memory";
    }
  } finally {
    running = false;
    if (reusable) {
      run.dispose();
      context.dispose();
    }
  }
  return { answer, reusable };
}

function decode(text) {
  const code = text[0];
  const payload = text.slice(1);
  if (code === "o") {
    if (Buffer.byteLength(payload, "utf8") > OUTPUT_LIMIT) {
      return ["permanent", "output too large: more than " + OUTPUT_LIMIT + " bytes"];
    }
    return ["ok", payload];
  }
  if (code === "p") return ["permanent", payload];
  if (code === "m") return ["memory", payload];
  if (code === "n") return growRefused ? ["memory", "out of memory"] : decode(payload);
  return ["transient", payload];
}

async function handle(message) {
  let answer;
  try {
    const current = await getEngine(message.memoryBytes);
    try {
      const run = execute(current, message);
      answer = run.answer;
      if (!run.reusable || current.memory.buffer.byteLength > RECYCLE_HEAP_BYTES) engine = null;
    } catch (error) {
      // Thrown through the wasm frames (native stack overflow, emscripten abort): state unknown.
      engine = null;
      const text = String(error && error.message);
      if (interruptReason) answer = [interruptReason, ""];
      else if (/call stack/i.test(text)) answer = ["permanent", "code step exceeded the stack limit: stack overflow (" + text + ")"];
      else answer = ["transient", "sandbox crashed: " + text.slice(0, 2000)];
    }
  } catch (error) {
    engine = null;
    answer = ["transient", "sandbox could not start QuickJS: " + String(error && error.message)];
  }
  parentPort.postMessage({ type: "result", id: message.id, outcome: answer[0], payload: answer[1] });
  prepareSpare(); // after the reply, so the caller does not wait for it
}

parentPort.on("message", (message) => {
  if (message && message.type === "run") void handle(message);
});

getEngine(32 * 1024 * 1024).then(
  () => {
    prepareSpare();
    parentPort.postMessage({ type: "ready" });
  },
  (error) => parentPort.postMessage({ type: "fatal", message: String(error && error.message) }),
);
`;

export const WORKER_SOURCE =
  `const DRIVER_SOURCE = ${JSON.stringify(DRIVER_SOURCE)};\n` +
  `const CLASSIFIER_SOURCE = ${JSON.stringify(CLASSIFIER_SOURCE)};\n` +
  `const OUTPUT_LIMIT = ${OUTPUT_LIMIT_BYTES};\n` +
  WORKER_BODY;
