import "server-only";
import type { Db } from "@/server/db/create-prisma-client";
import { limits } from "@/engine";
import { webhookActor } from "@/server/audit/record-audit";
import { startPublishedRun } from "./start-published-run";
import { findWebhookTarget, markWebhookUsed } from "./webhooks";
import type { HttpDeps } from "@/server/http/deps";
import { errorResponse, HttpError } from "@/server/http/responses";
import { readJsonBody } from "@/server/http/read-json-body";
import { startedRunResponse, waitMsOf } from "@/server/http/wait-for-run";

/**
 * `POST /api/hooks/<token>`: the JSON body is the input of a run of the workflow's latest published
 * version. 202 `{ runId, status }` with `Location: /api/v1/runs/<id>`; with `?wait=true`, 200
 * `{ runId, status, output, error }` once it finishes within `?timeout=` seconds (default 10, max 30).
 * Every refusal is checked before the run is started, so a refused request starts nothing.
 */
export async function handleWebhook(deps: HttpDeps, request: Request, token: string): Promise<Response> {
  try {
    const db = deps.db;
    // Same answer for a malformed, unknown or rotated token: nothing says whether a workflow exists.
    const target = await findWebhookTarget(db, token);
    if (!target) throw new HttpError("NOT_FOUND", "not found");
    const waitMs = waitMsOf(new URL(request.url));
    const input = await readJsonBody(request, limits.runInputBytes);
    const engine = await deps.getEngine();
    const { runId, version } = await startPublishedRun(db, engine, { ...target, input, actor: webhookActor });
    await markWebhookUsed(db, target.workflowId);
    return await startedRunResponse(engine, runId, waitMs, { version });
  } catch (error) {
    return errorResponse(error);
  }
}
