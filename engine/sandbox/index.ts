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
  timeoutMs: number;
  /** Default 32 MiB (limits.codeMemoryBytes). */
  memoryBytes?: number;
  signal?: AbortSignal;
}

export interface Sandbox {
  /** Resolves with the JSON value returned (undefined -> null); rejects with a StepFailure. */
  run(request: CodeRequest): Promise<unknown>;
  /** Rejects queued and running requests (TransientError "sandbox is closed") and stops the workers. */
  close(): Promise<void>;
}

/** Workers start lazily on the first request; requests wait FIFO when all are busy. */
export function createSandbox(options: { workers?: number } = {}): Sandbox {
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  return new SandboxPool(workers);
}
