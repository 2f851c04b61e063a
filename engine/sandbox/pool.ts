import { Worker } from "node:worker_threads";
import { CancelledError, PermanentError, StepFailure, TimeoutError, TransientError } from "../errors";
import { limits } from "../definition/limits";
import { startDeadline, type Deadline } from "../deadline";
import { FairQueue, tenantShare } from "./fair-queue";
import type { CodeRequest, Sandbox } from "./index";
import { memoryLimitMessage, settleOutcome, timeoutMessage, type RunMessage, type WorkerData, type WorkerMessage } from "./protocol";
import { resolveBases, toRunMessage } from "./request";
import { CLASSIFIER_SOURCE, DRIVER_SOURCE, WORKER_SOURCE } from "./generated/sources";

/** Extra time the worker gets past `timeoutMs` (or after an abort) before it is terminated. */
const DEFAULT_GRACE_MS = 1_000;
/** Caps the worker's own V8 heap; QuickJS's wasm memory is capped separately inside the worker. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16, stackSizeMb: 16 };
// stackSizeMb 16: with the default 4 MB, a deeply nested JSON.stringify overflows the native stack
// through the wasm frames before QuickJS's own 384 KB check fires, which leaves QuickJS corrupt.

interface Job {
  id: number;
  tenant: string;
  request: CodeRequest;
  message: RunMessage;
  settled: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
  detachAbort(): void;
  /** Fails the job if no worker takes it in time; cleared when one does. */
  waitTimer?: NodeJS.Timeout | undefined;
}

interface Slot {
  worker: Worker;
  abortFlag: Int32Array;
  ready: boolean;
  /** Set when the pool has given up on the worker (terminated, crashed); its events are ignored. */
  retired: boolean;
  /** The request the worker is running; stays set after an abort until the worker answers or dies. */
  job?: Job | undefined;
  deadline?: Deadline | undefined;
}

export interface SandboxPoolOptions {
  workers: number;
  maxQueueWaitMs: number;
  /** Default 1 s; tests raise it to prove that the interrupt, not the terminate, ended a run. */
  graceMs?: number;
}

export class SandboxPool implements Sandbox {
  private readonly slots: Slot[] = [];
  private readonly queue: FairQueue<Job>;
  private nextId = 1;
  private closed = false;
  private readonly graceMs: number;

  constructor(private readonly options: SandboxPoolOptions) {
    this.queue = new FairQueue(tenantShare(options.workers));
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  }

  run(request: CodeRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new TransientError("sandbox is closed"));
      if (request.signal?.aborted) return reject(new CancelledError("code step cancelled"));
      const message = toRunMessage(this.nextId++, request);
      if (message instanceof StepFailure) return reject(message);
      const job: Job = { id: message.id, tenant: request.tenant, request, message, settled: false, resolve, reject, detachAbort: () => {} };
      const signal = request.signal;
      if (signal) {
        const onAbort = () => this.abort(job);
        signal.addEventListener("abort", onAbort, { once: true });
        job.detachAbort = () => signal.removeEventListener("abort", onAbort);
      }
      // unref: a wait bound alone must not keep the process alive (busy workers do).
      job.waitTimer = setTimeout(() => this.expire(job), this.options.maxQueueWaitMs).unref();
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.drain()) settle(job, new TransientError("sandbox is closed"));
    const exits = this.slots.splice(0).map((slot) => this.retire(slot, new TransientError("sandbox is closed")));
    await Promise.all(exits);
  }

  /** Workers started, those running a request, requests waiting: for tests and diagnostics. */
  stats(): { workers: number; busy: number; queued: number } {
    return { workers: this.slots.length, busy: this.slots.filter((slot) => slot.job).length, queued: this.queue.size };
  }

  /** Test hook: kills the worker running `request` (default: every worker) behind the pool's back, as a crash would. */
  crashWorkersForTests(request?: CodeRequest): void {
    for (const slot of this.slots) if (!request || slot.job?.request === request) void slot.worker.terminate();
  }

  /** Starts waiting jobs on idle workers, fairly, and spawns workers for those that could start. */
  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.take();
      if (!job) break;
      this.dispatch(slot, job);
    }
    const starting = this.slots.filter((slot) => !slot.ready).length;
    const wanted = Math.min(this.queue.startable() - starting, this.options.workers - this.slots.length);
    for (let i = 0; i < wanted; i++) this.spawn();
  }

  private dispatch(slot: Slot, job: Job): void {
    clearTimeout(job.waitTimer);
    slot.job = job;
    Atomics.store(slot.abortFlag, 0, 0);
    slot.worker.ref();
    slot.worker.postMessage(job.message);
    const { timeoutMs } = job.message;
    slot.deadline = startDeadline(timeoutMs + this.graceMs, this.graceMs, () => this.giveUp(slot, new TimeoutError(timeoutMessage(timeoutMs))));
  }

  /** The worker no longer runs its job: its tenant may use another worker. */
  private vacate(slot: Slot): Job | undefined {
    const job = slot.job;
    if (job) this.queue.release(job.tenant);
    slot.job = undefined;
    return job;
  }

  private expire(job: Job): void {
    if (!this.queue.remove(job)) return;
    const waited = this.options.maxQueueWaitMs;
    settle(job, new TransientError(`code step could not start within ${waited} ms: every sandbox worker it may use stayed busy`));
  }

  private abort(job: Job): void {
    this.queue.remove(job);
    settle(job, new CancelledError("code step cancelled"));
    const slot = this.slots.find((candidate) => candidate.job === job);
    if (!slot) return;
    // The interrupt handler sees the flag within ~0.1 ms of QuickJS bytecode; a long builtin call
    // (sort, stringify) does not poll it, hence the terminate after the grace period.
    Atomics.store(slot.abortFlag, 0, 1);
    slot.deadline?.cancel();
    slot.deadline = startDeadline(this.graceMs, this.graceMs, () => this.giveUp(slot, new CancelledError("code step cancelled")));
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
    if (message.type === "started") {
      if (slot.job?.id === message.id && !slot.job.settled) slot.job.request.onStart?.();
      return;
    }
    if (message.type === "ready") {
      slot.ready = true;
    } else if (message.type === "fatal") {
      this.onDeath(slot, new TransientError(`sandbox worker failed to start: ${message.message}`));
      return;
    } else if (slot.job?.id === message.id) {
      slot.deadline?.cancel();
      const job = this.vacate(slot)!;
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
    if (!slot.ready) for (const job of this.queue.drain()) settle(job, failure);
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
    slot.deadline?.cancel();
    const job = this.vacate(slot);
    if (job) settle(job, failure);
    await slot.worker.terminate().catch(() => undefined);
  }
}

function settle(job: Job, error: Error | undefined, value?: unknown): void {
  if (job.settled) return;
  job.settled = true;
  clearTimeout(job.waitTimer);
  job.detachAbort();
  if (error) job.reject(error);
  else job.resolve(value);
}

function describeDeath(error: Error & { code?: string }, slot: Slot): StepFailure {
  if (!slot.ready) return new TransientError(`sandbox worker failed to start: ${error.message}`);
  if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
    const memoryBytes = slot.job?.message.memoryBytes ?? limits.codeMemoryBytes;
    return new PermanentError(memoryLimitMessage(memoryBytes, "worker out of memory"));
  }
  return new TransientError(`sandbox worker crashed: ${error.message}`);
}
