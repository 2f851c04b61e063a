import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { CancelledError, PermanentError, StepFailure, TimeoutError, TransientError } from "../errors";
import { limits } from "../definition/limits";
import type { CodeRequest, Sandbox } from "./index";
import {
  memoryLimitMessage,
  settleOutcome,
  timeoutMessage,
  type RunMessage,
  type WorkerData,
  type WorkerMessage,
} from "./protocol";
import { CLASSIFIER_SOURCE, DRIVER_SOURCE, WORKER_SOURCE } from "./generated/sources";

/** Extra time the worker gets past `timeoutMs` (or after an abort) before it is terminated. */
const GRACE_MS = 1_000;
/** Caps the worker's own V8 heap; QuickJS's wasm memory is capped separately inside the worker. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16, stackSizeMb: 16 };
// stackSizeMb 16: with the default 4 MB, a deeply nested JSON.stringify overflows the native stack
// through the wasm frames before QuickJS's own 384 KB check fires, which leaves QuickJS corrupt.

interface Job {
  id: number;
  message: RunMessage;
  settled: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
  detachAbort(): void;
}

interface Slot {
  worker: Worker;
  abortFlag: Int32Array;
  ready: boolean;
  /** Set when the pool has given up on the worker (terminated, crashed); its events are ignored. */
  retired: boolean;
  /** The request the worker is running; stays set after an abort until the worker answers or dies. */
  job?: Job | undefined;
  timer?: NodeJS.Timeout | undefined;
}

export class SandboxPool implements Sandbox {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size: number) {}

  run(request: CodeRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new TransientError("sandbox is closed"));
      if (request.signal?.aborted) return reject(new CancelledError("code step cancelled"));
      const message = toRunMessage(this.nextId++, request);
      if (message instanceof StepFailure) return reject(message);
      const job: Job = { id: message.id, message, settled: false, resolve, reject, detachAbort: () => {} };
      const signal = request.signal;
      if (signal) {
        const onAbort = () => this.abort(job);
        signal.addEventListener("abort", onAbort, { once: true });
        job.detachAbort = () => signal.removeEventListener("abort", onAbort);
      }
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) settle(job, new TransientError("sandbox is closed"));
    const exits = this.slots.splice(0).map((slot) => this.retire(slot, new TransientError("sandbox is closed")));
    await Promise.all(exits);
  }

  /** Test hook: kills every worker behind the pool's back, as a crash would, to exercise recovery. */
  crashWorkersForTests(): void {
    for (const slot of this.slots) void slot.worker.terminate();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.job) this.dispatch(slot, this.queue.shift()!);
    }
    const starting = this.slots.filter((slot) => !slot.ready).length;
    const wanted = Math.min(this.queue.length - starting, this.size - this.slots.length);
    for (let i = 0; i < wanted; i++) this.spawn();
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    Atomics.store(slot.abortFlag, 0, 0);
    slot.worker.ref();
    slot.worker.postMessage(job.message);
    const { timeoutMs } = job.message;
    slot.timer = setTimeout(() => this.giveUp(slot, new TimeoutError(timeoutMessage(timeoutMs))), timeoutMs + GRACE_MS);
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    settle(job, new CancelledError("code step cancelled"));
    const slot = this.slots.find((candidate) => candidate.job === job);
    if (!slot) return;
    // The interrupt handler sees the flag within ~0.1 ms of QuickJS bytecode; a long builtin call
    // (sort, stringify) does not poll it, hence the terminate after the grace period.
    Atomics.store(slot.abortFlag, 0, 1);
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.giveUp(slot, new CancelledError("code step cancelled")), GRACE_MS);
  }

  private spawn(): void {
    const workerData: WorkerData = {
      abortFlag: new Int32Array(new SharedArrayBuffer(4)),
      resolveBases: resolveBases(),
      driverSource: DRIVER_SOURCE,
      classifierSource: CLASSIFIER_SOURCE,
    };
    // From source text, not a file: bundlers (Next/Turbopack) break relative worker paths.
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData, resourceLimits: RESOURCE_LIMITS });
    const slot: Slot = { worker, abortFlag: workerData.abortFlag, ready: false, retired: false };
    this.slots.push(slot);
    worker.on("message", (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on("error", (error: Error & { code?: string }) => this.onDeath(slot, describeDeath(error, slot)));
    worker.on("exit", (code) => {
      const what = slot.ready ? "exited unexpectedly" : "failed to start";
      this.onDeath(slot, new TransientError(`sandbox worker ${what} (exit code ${code})`));
    });
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (slot.retired) return;
    if (message.type === "ready") {
      slot.ready = true;
    } else if (message.type === "fatal") {
      this.onDeath(slot, new TransientError(`sandbox worker failed to start: ${message.message}`));
      return;
    } else if (slot.job?.id === message.id) {
      const job = slot.job;
      clearTimeout(slot.timer);
      slot.job = undefined;
      const outcome = settleOutcome(message, job.message);
      if ("error" in outcome) settle(job, outcome.error);
      else settle(job, undefined, outcome.value);
    }
    if (!slot.job) slot.worker.unref();
    this.pump();
  }

  /** A worker died or failed to start: fail its request (or, at startup, the whole queue) and respawn. */
  private onDeath(slot: Slot, failure: StepFailure): void {
    if (slot.retired) return;
    this.remove(slot);
    void this.retire(slot, failure);
    // Respawning at once would fail the same way: report it to the waiting requests instead.
    if (!slot.ready) for (const job of this.queue.splice(0)) settle(job, failure);
    this.pump();
  }

  /** The worker missed its deadline (or an abort): terminate it; a fresh one is spawned on demand. */
  private giveUp(slot: Slot, failure: StepFailure): void {
    if (slot.retired) return;
    this.remove(slot);
    void this.retire(slot, failure);
    this.pump();
  }

  private remove(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }

  private async retire(slot: Slot, failure: StepFailure): Promise<void> {
    slot.retired = true;
    clearTimeout(slot.timer);
    if (slot.job) settle(slot.job, failure);
    slot.job = undefined;
    await slot.worker.terminate().catch(() => undefined);
  }
}

function settle(job: Job, error: Error | undefined, value?: unknown): void {
  if (job.settled) return;
  job.settled = true;
  job.detachAbort();
  if (error) job.reject(error);
  else job.resolve(value);
}

function toRunMessage(id: number, request: CodeRequest): RunMessage | StepFailure {
  const { source, timeoutMs } = request;
  const memoryBytes = request.memoryBytes ?? limits.codeMemoryBytes;
  if (typeof source !== "string") return new PermanentError("code step source must be a string");
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) return new PermanentError("code step timeoutMs must be a positive number");
  if (!(memoryBytes > 0 && Number.isFinite(memoryBytes))) return new PermanentError("code step memoryBytes must be a positive number");
  let globalsJson: string | undefined;
  try {
    globalsJson = JSON.stringify(request.globals);
  } catch (error) {
    return new PermanentError(`code step globals are not JSON-serializable: ${(error as Error).message}`);
  }
  if (typeof request.globals !== "object" || globalsJson === undefined) {
    return new PermanentError("code step globals must be an object");
  }
  return { type: "run", id, source, globalsJson, timeoutMs, memoryBytes };
}

function describeDeath(error: Error & { code?: string }, slot: Slot): StepFailure {
  if (!slot.ready) return new TransientError(`sandbox worker failed to start: ${error.message}`);
  if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
    const memoryBytes = slot.job?.message.memoryBytes ?? limits.codeMemoryBytes;
    return new PermanentError(memoryLimitMessage(memoryBytes, "worker out of memory"));
  }
  return new TransientError(`sandbox worker crashed: ${error.message}`);
}

/** Where the worker may resolve quickjs-emscripten from: the cwd (Next, CLI), then this file (Vitest, tsx). */
function resolveBases(): string[] {
  const bases = [`${process.cwd()}/`];
  try {
    bases.push(fileURLToPath(import.meta.url));
  } catch {
    // A bundler may give a non-file URL; the cwd base is then the only one.
  }
  return bases;
}
