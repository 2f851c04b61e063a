import { createRequire } from "node:module";
import type * as QuickJSApi from "quickjs-emscripten";
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten";
import type { RunWatch } from "./watch";

const PAGE = 65536;
const MIN_PAGES = 256; // the QuickJS wasm imports at least 16 MiB
const MAX_PAGES = 32768; // 2 GiB, emscripten's heap maximum
const STACK_BYTES = 384 * 1024; // 256-480 KB: catchable "stack overflow"; 512 KB+ can kill Node

/** A fresh context with the driver compiled in it: `run` is the driver's function. */
export interface Prepared {
  context: QuickJSContext;
  run: QuickJSHandle;
}

/** One QuickJS module and runtime, reused across runs until an incident; `spare` is the next run's context. */
export interface Engine {
  module: QuickJSWASMModule;
  runtime: QuickJSRuntime;
  memory: WebAssembly.Memory;
  maxPages: number;
  spare: Prepared | null;
}

/**
 * quickjs-emscripten is resolved at run time, not bundled: from the cwd (Next, CLI), then from the
 * sandbox module's path (Vitest, tsx).
 */
export function loadQuickJS(resolveBases: readonly string[]): typeof QuickJSApi {
  const failures: string[] = [];
  for (const base of resolveBases) {
    try {
      return createRequire(base)("quickjs-emscripten") as typeof QuickJSApi;
    } catch (error) {
      failures.push(base + ": " + String(error && (error as Error).message).split("\n")[0]);
    }
  }
  throw new Error("cannot load quickjs-emscripten (" + failures.join("; ") + ")");
}

export function pagesFor(memoryBytes: number): number {
  const pages = Math.ceil((4 * memoryBytes + 16 * 1024 * 1024) / PAGE);
  return Math.min(MAX_PAGES, Math.max(MIN_PAGES, pages));
}

/**
 * Emscripten grows the heap with memory.grow(), trying 1.2×, 1.1× then 1.05×; malloc returns NULL
 * only when all are refused. The last attempt's result is thus "is the heap full", which survives
 * the unwinding that frees the user's data (QuickJS's own counters drop back by then).
 */
function watchGrowth(memory: WebAssembly.Memory, watch: RunWatch): WebAssembly.Memory {
  const grow = memory.grow;
  memory.grow = (pages: number) => {
    try {
      const previous = grow.call(memory, pages);
      watch.growRefused = false;
      return previous;
    } catch (error) {
      watch.growRefused = true;
      throw error;
    }
  };
  return memory;
}

/**
 * A QuickJS module whose wasm memory has a hard `maximum` (4 × memoryBytes + 16 MiB): growth beyond
 * it fails, malloc returns NULL and QuickJS throws "out of memory" at once instead of growing to
 * 2 GB. QuickJS's own setMemoryLimit counts 8 bytes per live allocation (no malloc_usable_size),
 * each of which takes more than that in the heap, so set to the same cap it refuses only a single
 * request bigger than the room left, never a small one: a `null` from out-of-memory always follows
 * a refused growth. (Set to memoryBytes it would fire first on many small objects, unobservably.)
 */
export async function newEngine(QuickJS: typeof QuickJSApi, maxPages: number, watch: RunWatch): Promise<Engine> {
  const memory = watchGrowth(new WebAssembly.Memory({ initial: MIN_PAGES, maximum: maxPages }), watch);
  const variant = QuickJS.newVariant(QuickJS.RELEASE_SYNC, { wasmMemory: memory });
  const module = await QuickJS.newQuickJSWASMModuleFromVariant(variant);
  const runtime = module.newRuntime();
  runtime.setMaxStackSize(STACK_BYTES);
  runtime.setMemoryLimit(maxPages * PAGE);
  runtime.setInterruptHandler(watch.shouldInterrupt);
  return { module, runtime, memory, maxPages, spare: null };
}
