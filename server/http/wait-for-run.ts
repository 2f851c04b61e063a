import "server-only";
import { terminalRunStatuses, type Engine, type RunStatus, type StepError } from "@/engine";
import { HttpError, json } from "./responses";

export const defaultWaitSeconds = 10;
export const maxWaitSeconds = 30;

/** `?wait=true` and `?timeout=<seconds>` (default 10, at most 30): how long a start may block. */
export function waitMsOf(url: URL): number | null {
  const wait = url.searchParams.get("wait");
  if (wait === null || wait === "false" || wait === "0") return null;
  if (wait !== "true" && wait !== "1" && wait !== "") throw new HttpError("BAD_REQUEST", "wait is true or false");
  const timeout = url.searchParams.get("timeout");
  if (timeout === null) return defaultWaitSeconds * 1000;
  const seconds = Number(timeout);
  if (timeout.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw new HttpError("BAD_REQUEST", `timeout is a number of seconds above 0 (at most ${maxWaitSeconds})`);
  return Math.min(seconds, maxWaitSeconds) * 1000;
}

export interface StartedRunBody {
  runId: string;
  status: RunStatus;
  output?: unknown;
  error?: StepError | null;
}

/**
 * The answer to a start: 200 with the output when the run finished within `waitMs`, otherwise
 * 202 (`statusWhenQueued` for REST's 201) with the run's address to poll.
 */
export async function startedRunResponse(engine: Engine, runId: string, waitMs: number | null, extra: Record<string, unknown> = {}, statusWhenQueued = 202): Promise<Response> {
  const location = { location: `/api/v1/runs/${runId}` };
  if (waitMs === null) {
    const stored = await engine.getRun(runId);
    return json({ runId, status: stored?.run.status ?? "pending", ...extra }, statusWhenQueued, location);
  }
  const settled = await settleWithin(engine, runId, waitMs);
  if (settled && terminalRunStatuses.includes(settled.status)) {
    return json({ runId, status: settled.status, output: settled.output, error: settled.error, ...extra }, 200, location);
  }
  return json({ runId, status: settled?.status ?? "running", ...extra }, statusWhenQueued, location);
}

/**
 * The run once nothing but an operator can move it (finished, or waiting for an approval), or null
 * after `waitMs`. The engine's watch stays registered until the run settles; it holds no resources.
 */
async function settleWithin(engine: Engine, runId: string, waitMs: number): Promise<{ status: RunStatus; output: unknown; error: StepError | null } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  try {
    const stored = await Promise.race([engine.waitForRun(runId), timeout]);
    return stored && stored.run;
  } finally {
    clearTimeout(timer);
  }
}
