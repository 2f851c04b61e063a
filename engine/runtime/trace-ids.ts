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

/** The `traceparent` header of one step attempt (sampled). */
export function traceparentOf(rootRunId: string, runId: string, stepId: string, attempt: number): string {
  return `00-${traceIdOf(rootRunId)}-${attemptSpanIdOf(runId, stepId, attempt)}-01`;
}

function hexHash(text: string, length: number): string {
  const hex = createHash("sha256").update(text).digest("hex").slice(0, length);
  // An all-zero id is invalid in W3C trace context (a 1 in 2^64 chance, but cheap to rule out).
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}
