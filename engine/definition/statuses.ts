/** Run and step statuses: the vocabulary shared by the engine, the server and the canvas. */
export const runStatuses = ["pending", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];

export const stepStatuses = [
  "pending",
  "queued",
  "running",
  "retrying",
  "waiting",
  "completed",
  "failed",
  "skipped",
  "resolved",
  "cancelled",
] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const errorKinds = ["transient", "permanent", "timeout", "cancelled"] as const;
export type ErrorKind = (typeof errorKinds)[number];
/** Kinds a step's `retry.on` may list (a cancelled step is never retried). */
export const retriableErrorKinds = ["transient", "timeout", "permanent"] as const;

/** A step error as stored and shown: the class decides whether it is retried. */
export interface StepError {
  kind: ErrorKind;
  message: string;
  /** What the failing service asked for (HTTP `Retry-After` on 429/503), in ms; it sets the next retry's delay. */
  retryAfterMs?: number;
}

export const terminalRunStatuses: readonly RunStatus[] = ["completed", "failed", "cancelled"];
export const terminalStepStatuses: readonly StepStatus[] = [
  "completed",
  "failed",
  "skipped",
  "resolved",
  "cancelled",
];

export function isTerminalStep(status: StepStatus): boolean {
  return terminalStepStatuses.includes(status);
}

/** A step whose output counts as produced: its outgoing edges can be live. */
export function hasSucceeded(status: StepStatus): boolean {
  return status === "completed" || status === "resolved";
}
