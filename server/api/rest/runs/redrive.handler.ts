import "server-only";
import { EngineActionError, ValidationError } from "@/engine";
import { NotFoundError } from "@/server/api/errors";
import { apiKeyActor, recordAuditAfter } from "@/server/audit/record-audit";
import { runTarget } from "@/server/audit/audit-targets";
import type { HttpDeps } from "@/server/http/deps";
import { parseBody, parsePath } from "@/server/http/parse-request";
import { readJsonBody } from "@/server/http/read-json-body";
import { errorResponse, HttpError, respond } from "@/server/http/responses";
import { previewRedrive, redriveRun } from "@/server/runs/redrive-run";
import { RunCommandTimeoutError } from "@/server/engine-host/run-commands/relay";
import { requireApiKey } from "../require-api-key";
import { getRunPathSchema } from "./get.schema";
import { redriveBodyBytes, redriveBodySchema, redriveResultSchema } from "./redrive.schema";

/**
 * `POST /api/v1/runs/{runId}/redrive` with `{ version?, dryRun?, reason? }`: continues a failed or
 * cancelled run on a published version of its workflow (the latest by default). 200 with what was
 * kept, re-run, added and removed; 409 when the run's state refuses it.
 */
export async function handleRedriveRun(deps: HttpDeps, request: Request, runId: string): Promise<Response> {
  try {
    const { teamId, keyName } = await requireApiKey(deps, request);
    const path = parsePath(getRunPathSchema, { runId }, "run not found");
    const body = parseBody(redriveBodySchema, await readJsonBody(request, redriveBodyBytes), "the body is { version?, dryRun?, reason? }");
    const version = body.version ?? "latest";
    if (body.dryRun) {
      const preview = await asHttp(previewRedrive(deps.db, teamId, path.runId, version));
      return respond(redriveResultSchema, { dryRun: true, redriven: false, version: preview.version, plan: preview.plan });
    }
    const actor = apiKeyActor(keyName);
    const outcome = await asHttp(redriveRun(deps.db, await deps.getEngine(), teamId, path.runId, version, { by: actor.name, ...(body.reason && { reason: body.reason }) }));
    if (outcome.redriven) {
      const detail = { version: outcome.version, ...(body.reason && { reason: body.reason }) };
      await recordAuditAfter(deps.db, { teamId, actor, action: "run.redriven", target: runTarget(path.runId, outcome.workflowName), detail });
    }
    return respond(redriveResultSchema, { dryRun: false, redriven: outcome.redriven, version: outcome.version, plan: outcome.plan });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The read model's and the engine's refusals as HTTP ones. */
async function asHttp<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) throw new HttpError("NOT_FOUND", error.message);
    if (error instanceof EngineActionError) throw new HttpError(error.code === "NOT_FOUND" ? "NOT_FOUND" : error.code === "CONFLICT" ? "CONFLICT" : "BAD_REQUEST", error.message);
    // The version no longer validates, or its input schema refuses the run's input.
    if (error instanceof ValidationError) throw new HttpError("INVALID_DEFINITION", error.message, error.issues);
    if (error instanceof RunCommandTimeoutError) throw new HttpError("ENGINE_UNAVAILABLE", error.message);
    throw error;
  }
}
