// The expression evaluator child process, bundled with esbuild into generated/expression-evaluator.cjs
// (scripts/lib/evaluator-bundle.mjs) and forked by pool.ts with a heap limit and an IPC channel.
// It runs any JSONata with jsonata's guardrails; a built-in or regex that runs away, or a fatal
// V8 error, ends this process only: the parent kills it at the deadline and starts another.
import { isMainThread, Worker, workerData } from "node:worker_threads";
import jsonata from "jsonata";
import { guardrails } from "../guardrails";
import { toJsonText } from "../to-json";
import type { ChildMessage, EvaluateMessage, WatchdogData } from "./protocol";

type Compiled = ReturnType<typeof jsonata>;
const cacheLimit = 500;
const compiled = new Map<string, Compiled>();

if (isMainThread) serve();
else watchParent(workerData as WatchdogData);

function serve(): void {
  if (!process.send) {
    console.error("the expression evaluator must be started by its pool, with an IPC channel");
    process.exit(1);
  }
  // A busy event loop (a regex that backtracks for hours) never sees `disconnect`: a thread does.
  new Worker(process.argv[1]!, { workerData: { parentPid: process.ppid } satisfies WatchdogData }).unref();
  process.on("disconnect", () => process.exit(0));
  process.on("message", (message: EvaluateMessage) => void evaluate(message).then(reply));
  reply({ type: "ready" });
}

/** Kills this process once the parent is gone (it is then re-parented, so `ppid` changes). */
function watchParent({ parentPid }: WatchdogData): void {
  setInterval(() => {
    if (process.ppid !== parentPid) process.kill(process.pid, "SIGKILL");
  }, 200);
}

function reply(message: ChildMessage): void {
  process.send!(message);
}

async function evaluate(message: EvaluateMessage): Promise<ChildMessage> {
  const { id, source, timeoutMs, maxResultChars } = message;
  const tooLarge = (size: number): ChildMessage => ({ type: "error", id, message: `its result is ${size} characters; the limit is ${maxResultChars}` });
  try {
    const value: unknown = await compile(source, timeoutMs).evaluate(message.input ?? null, message.bindings);
    // A huge string (`$pad`) is refused before JSON.stringify would copy it past the heap limit.
    if (typeof value === "string" && value.length > maxResultChars) return tooLarge(value.length);
    const json = toJsonText(value);
    return json.length > maxResultChars ? tooLarge(json.length) : { type: "result", id, json };
  } catch (error) {
    const { code, message: text } = error as { code?: string; message?: string };
    return { type: "error", id, code, message: text ?? String(error) };
  }
}

function compile(source: string, timeoutMs: number): Compiled {
  const key = `${timeoutMs}\u0000${source}`;
  let expression = compiled.get(key);
  if (!expression) {
    expression = jsonata(source, guardrails(timeoutMs));
    if (compiled.size >= cacheLimit) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, expression);
  }
  return expression;
}
