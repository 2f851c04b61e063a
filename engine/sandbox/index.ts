import os from "node:os";
import { SandboxPool } from "./pool";

/**
 * Runs the user JavaScript of `code` steps in QuickJS, in worker threads, with time and memory
 * limits. See README.md for the failure mapping.
 */
export interface CodeRequest {
  /** A function BODY, e.g. `return { ok: input.total > 0 }`. Returning a Promise is a PermanentError. */
  source: string;
  /** Copied in as JSON; `attempt` is 1-based. */
  globals: { input: unknown; steps: Record<string, { output: unknown }>; vars: Record<string, unknown>; attempt: number };
  /**
   * Who shares the workers fairly with whom: the run's team (`team:<id>`), or the run itself
   * (`run:<id>`) when it has no team. Requests of one tenant start in order; see README.md.
   */
  tenant: string;
  /** Counted from when a worker starts the code, not from the call: time spent queued is free. */
  timeoutMs: number;
  /** Default 32 MiB (limits.codeMemoryBytes). */
  memoryBytes?: number;
  signal?: AbortSignal;
  /** Called when a worker is about to run the code (after any wait in the queue); must not throw. */
  onStart?: () => void;
}

export interface Sandbox {
  /** Resolves with the JSON value returned (undefined -> null); rejects with a StepFailure. */
  run(request: CodeRequest): Promise<unknown>;
  /** Rejects queued and running requests (TransientError "sandbox is closed") and stops the workers. */
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Worker threads, each running one request at a time; default `defaultCodeWorkers()`. */
  workers?: number;
  /** How long a request may wait for a worker before it fails (transient); default 10 minutes. */
  maxQueueWaitMs?: number;
}

/** One worker per core the process may use, and at least 2 so one tenant cannot hold them all. */
export function defaultCodeWorkers(): number {
  return Math.max(2, os.availableParallelism());
}

/**
 * Workers start lazily, as requests need them. Waiting requests are served round-robin across
 * tenants, and one tenant holds at most all workers but one (see README.md, "Sharing the workers").
 *
 * @example
 * const sandbox = createSandbox({ workers: 4 });
 * await sandbox.run({ source: "return input * 2", globals, tenant: "team:t1", timeoutMs: 5_000 });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const workers = Math.max(1, Math.floor(options.workers ?? defaultCodeWorkers()));
  return new SandboxPool({ workers, maxQueueWaitMs: options.maxQueueWaitMs ?? 600_000 });
}
