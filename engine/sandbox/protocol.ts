import { CancelledError, PermanentError, TimeoutError, TransientError, type StepFailure } from "../errors";

/** Messages between the pool (main thread) and a sandbox worker. Plain data, cheap to clone. */
export interface RunMessage {
  type: "run";
  id: number;
  source: string;
  globalsJson: string;
  timeoutMs: number;
  memoryBytes: number;
  /** Whether the worker posts `started` just before the user code runs (someone listens for it). */
  reportStart: boolean;
}

/** How a run ended, as decided inside the worker. */
export type Outcome = "ok" | "permanent" | "transient" | "timeout" | "memory" | "cancelled";

export type WorkerMessage =
  | { type: "ready" }
  | { type: "fatal"; message: string }
  | { type: "started"; id: number }
  /** For "ok" the payload is the output JSON text; otherwise a message. */
  | { type: "result"; id: number; outcome: Outcome; payload: string };

/** What the worker receives once, at startup. */
export interface WorkerData {
  /** Set to 1 by the pool to cancel the running request; read by the QuickJS interrupt handler. */
  abortFlag: Int32Array;
  /** Paths `createRequire` may resolve quickjs-emscripten from (cwd first, then this module). */
  resolveBases: string[];
  /** The driver bundle, evaluated in each fresh QuickJS context before its request. */
  driverSource: string;
  /** The classifier bundle, evaluated in a context only after its request failed. */
  classifierSource: string;
}

export function memoryLimitMessage(memoryBytes: number, detail?: string): string {
  const mib = Math.round((memoryBytes / (1024 * 1024)) * 10) / 10;
  return `code step exceeded its memory limit of ${mib} MiB${detail ? ` (${detail})` : ""}`;
}

export function timeoutMessage(timeoutMs: number): string {
  return `code step timed out after ${timeoutMs} ms`;
}

/** Maps a worker's answer to the promise outcome of `Sandbox.run`. */
export function settleOutcome(
  message: { outcome: Outcome; payload: string },
  request: { timeoutMs: number; memoryBytes: number },
): { value: unknown } | { error: StepFailure } {
  switch (message.outcome) {
    case "ok":
      return { value: JSON.parse(message.payload) as unknown };
    case "permanent":
      return { error: new PermanentError(message.payload) };
    case "transient":
      return { error: new TransientError(message.payload) };
    case "timeout":
      return { error: new TimeoutError(timeoutMessage(request.timeoutMs)) };
    case "memory":
      return { error: new PermanentError(memoryLimitMessage(request.memoryBytes, message.payload)) };
    case "cancelled":
      return { error: new CancelledError("code step cancelled") };
  }
}
