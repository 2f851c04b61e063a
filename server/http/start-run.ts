import "server-only";
import { terminalRunStatuses, type Engine, type RunStatus, type StartRecord, type StepError } from "@/engine";
import type { AuditActor } from "@/server/audit/record-audit";
import type { Db } from "@/server/db/create-prisma-client";
import { prismaStartCatalog, type PublishedWorkflow, type StartCatalog } from "@/server/triggers/start-catalog";
import { onStopping } from "@/server/engine-host/engine-phase";
import { startPublishedRun, type PublishedRunRequest, type StartedRun } from "@/server/triggers/start-published-run";
import type { HttpDeps } from "./deps";
import { claimIdempotencyKey, fingerprintOf, idempotencyKeyOf, releaseIdempotencyKey, type IdempotentRequest } from "./idempotency";
import { parseQuery } from "./parse-request";
import { respond } from "./responses";
import { finishedRunSchema, startedRunSchema, startQuerySchema, traceparentHeader, waitMsOf } from "./start-run.schema";
import type { DoorRequest } from "./door-request";

/** What a route knows once it has checked the credential: whose workflow, and how to read the body. */
export interface HttpRunStart {
  teamId: string;
  workflowId: string;
  /** The credential the request came with ("webhook:<token sha256>", "api-key:<id>"): the scope of its Idempotency-Key. */
  credential: string;
  /** Who the audit log names as starting the run. */
  actor: AuditActor;
  /** The input (and a version, if the body names one); throws an `HttpError` to refuse the body. */
  readBody(): Promise<{ input: unknown; version?: number }>;
  /** The answer when the run is not waited for: 202 for webhooks, 201 for REST. */
  queuedStatus: 201 | 202;
  /** Further rows committed with the run and its audit entry (a webhook's last-use stamp). */
  alsoRecord?: readonly StartRecord[];
  /** The workflow and its latest version, when read with the credential. */
  published?: PublishedWorkflow;
}

/**
 * The one place where an HTTP request becomes a run, for webhooks and the REST API alike: reads
 * `?wait=&timeout=`, the Idempotency-Key, then the body, starts the published version (or finds
 * the run the key already started) and answers. Every refusal comes before the start, so a
 * refused request starts nothing.
 */
export async function startRunFromRequest(deps: HttpDeps, request: DoorRequest, start: HttpRunStart): Promise<Response> {
  const waitMs = waitMsOf(parseQuery(startQuerySchema, request));
  const key = idempotencyKeyOf(request);
  const { input, version } = await start.readBody();
  const engine = await deps.getEngine();
  const catalog = await startCatalogOf(deps);
  const run: PublishedRunRequest = {
    teamId: start.teamId,
    workflowId: start.workflowId,
    version,
    input,
    actor: start.actor,
    alsoRecord: start.alsoRecord,
    published: start.published,
    traceParent: request.headers.get(traceparentHeader),
  };
  const outcome =
    key === null
      ? { started: await startPublishedRun(catalog, engine, run), replayed: false }
      : await startOnce(deps.db, catalog, engine, run, { credential: start.credential, key, fingerprint: fingerprintOf([start.workflowId, version ?? null, input]) });
  if (outcome.replayed) return answerStart(engine, outcome.started, waitMs, start.queuedStatus, { "idempotent-replayed": "true" });
  return answerStart(engine, outcome.started, waitMs, start.queuedStatus);
}

export function startCatalogOf(deps: HttpDeps): Promise<StartCatalog> {
  return deps.getStartCatalog?.() ?? Promise.resolve(prismaStartCatalog(deps.db));
}

/**
 * Starts the run under an idempotency claim, or finds the run an earlier request with the same key
 * started (`replayed`). A start that makes no run gives the key back.
 */
async function startOnce(db: Db, catalog: StartCatalog, engine: Engine, run: PublishedRunRequest, request: IdempotentRequest): Promise<{ started: StartedRun; replayed: boolean }> {
  const claim = await claimIdempotencyKey(db, engine, request);
  if (claim.kind === "replay") {
    const { id, workflowVersionId } = claim.run.run;
    const pinned = workflowVersionId ? await db.workflowVersion.findUnique({ where: { id: workflowVersionId }, select: { number: true } }) : null;
    return { started: { runId: id, version: pinned?.number ?? 0 }, replayed: true };
  }
  try {
    return { started: await startPublishedRun(catalog, engine, { ...run, runId: claim.runId }), replayed: false };
  } catch (error) {
    await releaseIdempotencyKey(db, request, claim.runId);
    throw error;
  }
}

/**
 * 200 with the output when the run finished within `waitMs`, otherwise `queuedStatus` with the
 * run's address to poll. A run that stops for an approval is not finished.
 */
async function answerStart(engine: Engine, { runId, version }: StartedRun, waitMs: number | null, queuedStatus: number, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const headers = { location: `/api/v1/runs/${runId}`, ...extraHeaders };
  if (waitMs === null) {
    const stored = await engine.getRun(runId);
    return respond(startedRunSchema, { runId, status: stored?.run.status ?? "pending", version }, queuedStatus, headers);
  }
  const settled = await settleWithin(engine, runId, waitMs);
  if (settled && terminalRunStatuses.includes(settled.status)) {
    return respond(finishedRunSchema, { runId, status: settled.status, version, output: settled.output ?? null, error: settled.error }, 200, headers);
  }
  const status = settled?.status ?? (await engine.getRun(runId).catch(() => null))?.run.status ?? "running";
  return respond(startedRunSchema, { runId, status, version }, queuedStatus, headers);
}

/**
 * The run once nothing but an operator can move it (finished, or waiting for an approval), or null
 * after `waitMs` or when the server begins its graceful shutdown (the caller then gets the answer
 * without waiting, and follows the run elsewhere). The engine's watch stays registered until the
 * run settles; it holds no resources.
 */
async function settleWithin(engine: Engine, runId: string, waitMs: number): Promise<{ status: RunStatus; output: unknown; error: StepError | null } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopListening = () => {};
  // Both end with this request: nothing process-long may keep a reference to it (or to its run) afterwards.
  const givenUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
    stopListening = onStopping(() => resolve(null));
  });
  try {
    const stored = await Promise.race([engine.waitForRun(runId), givenUp]);
    return stored && stored.run;
  } finally {
    clearTimeout(timer);
    stopListening();
  }
}
