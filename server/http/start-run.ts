import "server-only";
import { terminalRunStatuses, type Engine, type RunStatus, type StepError } from "@/engine";
import type { AuditActor } from "@/server/audit/record-audit";
import { startPublishedRun, type StartedRun } from "@/server/triggers/start-published-run";
import type { HttpDeps } from "./deps";
import { parseQuery } from "./parse-request";
import { respond } from "./responses";
import { finishedRunSchema, startedRunSchema, startQuerySchema, waitMsOf } from "./start-run.schema";

/** What a route knows once it has checked the credential: whose workflow, and how to read the body. */
export interface HttpRunStart {
  teamId: string;
  workflowId: string;
  /** Who the audit log names as starting the run. */
  actor: AuditActor;
  /** The input (and a version, if the body names one); throws an `HttpError` to refuse the body. */
  readBody(): Promise<{ input: unknown; version?: number }>;
  /** The answer when the run is not waited for: 202 for webhooks, 201 for REST. */
  queuedStatus: 201 | 202;
  /** Runs once the run exists, before the answer. */
  onStarted?(started: StartedRun): Promise<void>;
}

/**
 * The one place where an HTTP request becomes a run, for webhooks and the REST API alike: reads
 * `?wait=&timeout=`, then the body, starts the published version and answers. Every refusal comes
 * before the start, so a refused request starts nothing.
 */
export async function startRunFromRequest(deps: HttpDeps, request: Request, start: HttpRunStart): Promise<Response> {
  const waitMs = waitMsOf(parseQuery(startQuerySchema, request));
  const { input, version } = await start.readBody();
  const engine = await deps.getEngine();
  const started = await startPublishedRun(deps.db, engine, { teamId: start.teamId, workflowId: start.workflowId, version, input, actor: start.actor });
  await start.onStarted?.(started);
  return answerStart(engine, started, waitMs, start.queuedStatus);
}

/**
 * 200 with the output when the run finished within `waitMs`, otherwise `queuedStatus` with the
 * run's address to poll. A run that stops for an approval is not finished.
 */
async function answerStart(engine: Engine, { runId, version }: StartedRun, waitMs: number | null, queuedStatus: number): Promise<Response> {
  const location = { location: `/api/v1/runs/${runId}` };
  if (waitMs === null) {
    const stored = await engine.getRun(runId);
    return respond(startedRunSchema, { runId, status: stored?.run.status ?? "pending", version }, queuedStatus, location);
  }
  const settled = await settleWithin(engine, runId, waitMs);
  if (settled && terminalRunStatuses.includes(settled.status)) {
    return respond(finishedRunSchema, { runId, status: settled.status, version, output: settled.output ?? null, error: settled.error }, 200, location);
  }
  return respond(startedRunSchema, { runId, status: settled?.status ?? "running", version }, queuedStatus, location);
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
