import { parentPort, workerData } from "node:worker_threads";
import type { RunMessage, WorkerData, WorkerMessage } from "../protocol";
import { execute, prepare, type Answer, type DriverSources } from "./execute";
import { loadQuickJS, newEngine, pagesFor, type Engine } from "./quickjs";
import { RunWatch } from "./watch";

/**
 * The sandbox worker thread, bundled to CommonJS and started from its source text (see
 * scripts/lib/sandbox-bundle.mjs). One QuickJS module + runtime per worker, reused across runs;
 * a fresh context per run. After any incident (timeout, abort, out of memory, an exception thrown
 * through the wasm frames) the module is dropped unused, never disposed: disposing a runtime with
 * a leaked handle aborts the module, and a native stack overflow leaves QuickJS's stack
 * bookkeeping corrupt. A fresh module costs ~10-25 ms.
 */
const RECYCLE_HEAP_BYTES = 64 * 1024 * 1024; // a wasm heap never shrinks: drop a module grown past this

const data = workerData as WorkerData;
const port = parentPort!;
const sources: DriverSources = { driver: data.driverSource, classifier: data.classifierSource };
const watch = new RunWatch(data.abortFlag);
const QuickJS = loadQuickJS(data.resolveBases);
let engine: Engine | null = null;

async function getEngine(memoryBytes: number): Promise<Engine> {
  const maxPages = pagesFor(memoryBytes);
  if (engine && engine.maxPages === maxPages) return engine;
  engine = null;
  engine = await newEngine(QuickJS, maxPages, watch);
  return engine;
}

function prepareSpare(): void {
  if (!engine || engine.spare) return;
  try {
    engine.spare = prepare(engine, watch, sources);
  } catch {
    engine = null;
  }
}

async function handle(message: RunMessage): Promise<void> {
  let answer: Answer;
  try {
    const current = await getEngine(message.memoryBytes);
    try {
      const run = execute(current, watch, sources, message, () => {
        if (message.reportStart) post({ type: "started", id: message.id });
      });
      answer = run.answer;
      if (!run.reusable || current.memory.buffer.byteLength > RECYCLE_HEAP_BYTES) engine = null;
    } catch (error) {
      // Thrown through the wasm frames (native stack overflow, emscripten abort): state unknown.
      engine = null;
      const text = String(error && (error as Error).message);
      if (watch.interruptReason) answer = [watch.interruptReason, ""];
      else if (/call stack/i.test(text)) answer = ["permanent", "code step exceeded the stack limit: stack overflow (" + text + ")"];
      else answer = ["transient", "sandbox crashed: " + text.slice(0, 2000)];
    }
  } catch (error) {
    engine = null;
    answer = ["transient", "sandbox could not start QuickJS: " + String(error && (error as Error).message)];
  }
  post({ type: "result", id: message.id, outcome: answer[0], payload: answer[1] });
  prepareSpare(); // after the reply, so the caller does not wait for it
}

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

port.on("message", (message: RunMessage | undefined) => {
  if (message && message.type === "run") void handle(message);
});

getEngine(32 * 1024 * 1024).then(
  () => {
    prepareSpare();
    post({ type: "ready" });
  },
  (error: unknown) => post({ type: "fatal", message: String(error && (error as Error).message) }),
);
