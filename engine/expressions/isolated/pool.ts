import { fork, type ChildProcess } from "node:child_process";
import { limits } from "../../definition/limits";
import { startDeadline, type Deadline } from "../../deadline";
import { PermanentError, TransientError } from "../../errors";
import { evaluatorStopped, expressionFailure, memoryLimitExceeded, timeLimitExceeded } from "../failures";
import { findEvaluatorBundle } from "./bundle-path";
import { evaluatorBundlePath, type ChildMessage, type EvaluateMessage } from "./protocol";

export interface IsolatedRequest {
  source: string;
  timeoutMs: number;
  input: unknown;
  bindings: Record<string, unknown>;
}

export interface IsolatedEvaluatorOptions {
  /** Child processes, each evaluating one expression at a time; default 1. */
  workers?: number;
  /** Each child's V8 heap limit (`--max-old-space-size`); default 128. */
  memoryMb?: number;
  /** How long past its time limit a child may take to answer before it is killed; default 250. */
  graceMs?: number;
  /** Largest result, in characters of JSON; default the step output limit. */
  maxResultChars?: number;
  /** The bundled child (generated/expression-evaluator.cjs), found from the working directory by default. */
  bundlePath?: string;
}

/** What V8 prints on stderr before it aborts at the heap limit or on an allocation too large for it. */
const outOfMemory = /heap out of memory|invalid size error|invalid array length|allocation failed/i;

interface Job {
  message: EvaluateMessage;
  settled: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  child: ChildProcess;
  exited: Promise<void>;
  ready: boolean;
  /** Given up on (killed, dead): its late events are ignored. */
  retired: boolean;
  job?: Job | undefined;
  deadline?: Deadline | undefined;
  /** The tail of its stderr, and whether V8 reported running out of memory there. */
  stderr: string;
  outOfMemory: boolean;
}

/**
 * Child processes that evaluate JSONata outside the bounded subset, started on first use. A
 * request waits (FIFO) for a free child; a child that overruns its deadline is killed, and one that
 * dies (heap limit, V8 fatal error, killed) fails only its own request. Dead children are replaced
 * when the next request comes. The children die with this process, however it ends (see child.ts).
 */
export class IsolatedEvaluatorPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private workers: number;
  private readonly memoryMb: number;
  private readonly graceMs: number;
  private readonly maxResultChars: number;
  private readonly killChildren = () => this.slots.forEach((slot) => slot.child.kill("SIGKILL"));

  constructor(private readonly options: IsolatedEvaluatorOptions = {}) {
    this.workers = Math.max(1, Math.floor(options.workers ?? 1));
    this.memoryMb = options.memoryMb ?? 128;
    this.graceMs = options.graceMs ?? 250;
    this.maxResultChars = options.maxResultChars ?? limits.stepOutputBytes;
  }

  /** Resolves with the JSON result; rejects with a StepFailure (see failures.ts). */
  evaluate(request: IsolatedRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new TransientError("the expression evaluator is closed"));
      const message: EvaluateMessage = { type: "evaluate", id: this.nextId++, ...request, maxResultChars: this.maxResultChars };
      this.queue.push({ message, settled: false, resolve, reject });
      this.pump();
    });
  }

  /** Allows `workers` children from now on, if that is more than before. */
  grow(workers: number): void {
    this.workers = Math.max(this.workers, Math.floor(workers));
    this.pump();
  }

  /** Fails queued and running requests (TransientError) and kills the children. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) settle(job, new TransientError("the expression evaluator is closed"));
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, new TransientError("the expression evaluator is closed"))));
    process.off("exit", this.killChildren);
  }

  /** Test hook: the process ids of the children alive now. */
  childPidsForTests(): number[] {
    return this.slots.flatMap((slot) => (slot.child.pid === undefined ? [] : [slot.child.pid]));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.job) this.dispatch(slot, this.queue.shift()!);
    }
    const starting = this.slots.filter((slot) => !slot.ready).length;
    const wanted = Math.min(this.queue.length - starting, this.workers - this.slots.length);
    for (let i = 0; i < wanted; i++) this.spawn();
  }

  private spawn(): void {
    const bundle = this.options.bundlePath ?? findEvaluatorBundle();
    if (!bundle) {
      const missing = new TransientError(`the expression evaluator is not built: ${evaluatorBundlePath} is missing (npm run build, npm start and npm test generate it)`);
      return this.queue.splice(0).forEach((job) => settle(job, missing));
    }
    if (this.slots.length === 0) process.on("exit", this.killChildren);
    // Its own flags and an empty environment: nothing of the server (NODE_OPTIONS, secrets) reaches it.
    const child = fork(bundle, [], { execArgv: [`--max-old-space-size=${this.memoryMb}`], env: { NODE_ENV: "production" }, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    const exited = new Promise<void>((resolve) => {
      child.once("close", () => resolve());
      child.once("error", () => resolve());
    });
    const slot: Slot = { child, exited, ready: false, retired: false, stderr: "", outOfMemory: false };
    this.slots.push(slot);
    child.stderr?.on("data", (chunk: Buffer) => {
      // V8's native stack trace follows its message: test before keeping only the tail.
      const text = slot.stderr + chunk.toString();
      slot.outOfMemory ||= outOfMemory.test(text);
      slot.stderr = text.slice(-2_000);
    });
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    child.on("message", (message: ChildMessage) => this.onMessage(slot, message));
    child.on("error", (error) => this.onDeath(slot, `it could not run: ${error.message}`));
    child.on("close", (code, signal) => this.onDeath(slot, signal ? `signal ${signal}` : `exit code ${code}`));
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.child.ref();
    slot.child.channel?.ref();
    const { source, timeoutMs } = job.message;
    try {
      slot.child.send(job.message);
    } catch (error) {
      slot.job = undefined;
      settle(job, new PermanentError(`expression data cannot be sent to the evaluator: ${(error as Error).message}`));
      return this.pump();
    }
    slot.deadline = startDeadline(timeoutMs + this.graceMs, this.graceMs, () => this.giveUp(slot, timeLimitExceeded(source, timeoutMs)));
  }

  private onMessage(slot: Slot, message: ChildMessage): void {
    if (slot.retired) return;
    if (message.type === "ready") slot.ready = true;
    else if (slot.job?.message.id === message.id) {
      const job = slot.job;
      slot.job = undefined;
      slot.deadline?.cancel();
      if (message.type === "result") settle(job, undefined, JSON.parse(message.json));
      else settle(job, expressionFailure(job.message.source, job.message.timeoutMs, message));
    }
    if (!slot.job) {
      slot.child.unref();
      slot.child.channel?.unref();
    }
    this.pump();
  }

  /** A child died: its request fails; one that never started fails every waiting request (it would again). */
  private onDeath(slot: Slot, how: string): void {
    if (slot.retired) return;
    this.remove(slot);
    const job = slot.job;
    if (!slot.ready) {
      const failure = new TransientError(`the expression evaluator failed to start (${how}): ${slot.stderr.trim().slice(-300)}`);
      this.queue.splice(0).forEach((queued) => settle(queued, failure));
    }
    const source = job?.message.source ?? "";
    void this.retire(slot, slot.outOfMemory ? memoryLimitExceeded(source, this.memoryMb) : evaluatorStopped(source, how));
    this.pump();
  }

  /** The child missed its deadline: kill it; the next request starts a fresh one. */
  private giveUp(slot: Slot, failure: Error): void {
    if (slot.retired) return;
    this.remove(slot);
    void this.retire(slot, failure);
    this.pump();
  }

  private remove(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (this.slots.length === 0) process.off("exit", this.killChildren);
  }

  private async retire(slot: Slot, failure: Error): Promise<void> {
    slot.retired = true;
    slot.deadline?.cancel();
    if (slot.job) settle(slot.job, failure);
    slot.job = undefined;
    slot.child.kill("SIGKILL");
    await slot.exited;
  }
}

function settle(job: Job, error: Error | undefined, value?: unknown): void {
  if (job.settled) return;
  job.settled = true;
  if (error) job.reject(error);
  else job.resolve(value);
}
