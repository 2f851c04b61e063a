import type { ErrorKind, StepError } from "./definition/statuses";

/** An error that carries its retry meaning. Handlers throw these; everything else is classified. */
export class StepFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "StepFailure";
  }
}

/** Never retried: bad input, 4xx, `fail` steps, `PermanentError` in code. */
export class PermanentError extends StepFailure {
  constructor(message: string) {
    super("permanent", message);
    this.name = "PermanentError";
  }
}

/** Retried per policy: network errors, 5xx, 429, ordinary throws in code. */
export class TransientError extends StepFailure {
  /** `retryAfterMs`: when the service said to come back (HTTP `Retry-After`); it sets the next retry's delay. */
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super("transient", message);
    this.name = "TransientError";
  }
}

/** The step ran past its `timeoutMs`; retried per policy. */
export class TimeoutError extends StepFailure {
  constructor(message: string) {
    super("timeout", message);
    this.name = "TimeoutError";
  }
}

/** The run or step was cancelled; the handler's AbortSignal fired. */
export class CancelledError extends StepFailure {
  constructor(message = "cancelled") {
    super("cancelled", message);
    this.name = "CancelledError";
  }
}

/** Maps any thrown value to a stored error. Unknown throws are transient, with a readable message. */
export function classifyError(thrown: unknown): StepError {
  if (thrown instanceof TransientError && thrown.retryAfterMs !== undefined)
    return { kind: thrown.kind, message: thrown.message, retryAfterMs: thrown.retryAfterMs };
  if (thrown instanceof StepFailure) return { kind: thrown.kind, message: thrown.message };
  if (thrown instanceof Error) {
    if (thrown.name === "AbortError") return { kind: "cancelled", message: thrown.message || "aborted" };
    if (thrown.name === "TimeoutError") return { kind: "timeout", message: thrown.message };
    return { kind: "transient", message: thrown.message || thrown.name };
  }
  return { kind: "transient", message: `non-Error thrown: ${describeThrown(thrown)}` };
}

function describeThrown(thrown: unknown): string {
  try {
    const text = typeof thrown === "string" ? thrown : JSON.stringify(thrown);
    return (text ?? String(thrown)).slice(0, 500);
  } catch {
    return String(thrown).slice(0, 500);
  }
}
