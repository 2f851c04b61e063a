/** Messages between the server process and an evaluator child, over the child's IPC channel. */

/** One request at a time per child; `bindings` holds only the names the expression mentions. */
export interface EvaluateMessage {
  type: "evaluate";
  id: number;
  source: string;
  timeoutMs: number;
  input: unknown;
  bindings: Record<string, unknown>;
  /** The result's JSON text may have at most this many characters. */
  maxResultChars: number;
}

export type ChildMessage =
  | { type: "ready" }
  /** `json`: the result as JSON text (functions left out, undefined as `null`). */
  | { type: "result"; id: number; json: string }
  /** A jsonata error (`code` such as D1012 for its time box) or the result-size limit. */
  | { type: "error"; id: number; code?: string; message: string };

/** Passed to the watchdog thread the child starts. */
export interface WatchdogData {
  parentPid: number;
}

/** Where `ensureEvaluatorBundle()` (scripts/lib/evaluator-bundle.mjs) writes the child, from the project root. */
export const evaluatorBundlePath = "generated/expression-evaluator.cjs";
