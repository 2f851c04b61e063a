import "server-only";
import type { HttpDeps } from "@/server/http/deps";
import { parsePath } from "@/server/http/parse-request";
import { errorResponse, HttpError, respond } from "@/server/http/responses";
import { readRun } from "@/server/runs/read-run";
import { requireApiKey } from "../require-api-key";
import { getRunPathSchema, runStateSchema } from "./get.schema";

/** `GET /api/v1/runs/{runId}`: the run's state, its steps included; 404 for another team's run. */
export async function handleGetRun(deps: HttpDeps, request: Request, runId: string): Promise<Response> {
  try {
    const { teamId } = await requireApiKey(deps, request);
    const path = parsePath(getRunPathSchema, { runId }, "run not found");
    const run = await readRun(deps.db, teamId, path.runId);
    if (!run) throw new HttpError("NOT_FOUND", "run not found");
    return respond(runStateSchema, run);
  } catch (error) {
    return errorResponse(error);
  }
}
