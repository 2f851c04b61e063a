import { createHash } from "node:crypto";

/**
 * W3C trace context ids derived from run identity, so every process (and a restart) names a run's
 * trace and its spans alike with nothing stored: one trace per run tree (from its root run), one
 * span per run and per step attempt. An `http` step sends its attempt's span as `traceparent`, so
 * the callee's spans hang under it when traces are exported.
 */
export const traceIdOf = (rootRunId: string): string => hexHash(`trace:${rootRunId}`, 32);
export const runSpanIdOf = (runId: string): string => hexHash(`run:${runId}`, 16);
export const attemptSpanIdOf = (runId: string, stepId: string, attempt: number): string => hexHash(`attempt:${runId}:${stepId}:${attempt}`, 16);

/**
 * The trace a run belongs to: the caller's, when its tree was started with a `traceparent`
 * (webhook or REST start), else the one derived from its root run.
 */
export function traceIdOfRun(run: { rootRunId: string; traceParent?: string | null }): string {
  return run.traceParent ? run.traceParent.slice(3, 35) : traceIdOf(run.rootRunId);
}

/** The caller's span a top-level run's span hangs under (its start's `traceparent`), or null. */
export function callerSpanIdOf(run: { parentRunId: string | null; traceParent?: string | null }): string | null {
  return run.parentRunId === null && run.traceParent ? run.traceParent.slice(36, 52) : null;
}

/** The `traceparent` header of one step attempt (sampled). */
export function traceparentOf(traceId: string, runId: string, stepId: string, attempt: number): string {
  return `00-${traceId}-${attemptSpanIdOf(runId, stepId, attempt)}-01`;
}

const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * A W3C `traceparent` header as `00-<trace id>-<parent span id>-<flags>`, or null when it is not
 * a valid one (bad shape, version ff, all-zero ids; a version-00 header with more fields): an
 * invalid header is ignored, never refused. Later versions are read by their first four fields,
 * as the specification asks.
 */
export function parseTraceparent(header: string | null | undefined): string | null {
  const match = traceparentPattern.exec(header?.trim().toLowerCase() ?? "");
  if (!match) return null;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === "ff" || (version === "00" && rest !== undefined)) return null;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return `00-${traceId}-${spanId}-${flags}`;
}

function hexHash(text: string, length: number): string {
  const hex = createHash("sha256").update(text).digest("hex").slice(0, length);
  // An all-zero id is invalid in W3C trace context (a 1 in 2^64 chance, but cheap to rule out).
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}
