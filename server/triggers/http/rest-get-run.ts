import "server-only";
import { requireApiKey } from "./api-auth";
import type { TriggerDeps } from "./deps";
import { errorResponse, HttpError, json } from "./responses";
import { readRunState } from "./run-state";

/** `GET /api/v1/runs/{runId}`: the run's state, its steps included; 404 for another team's run. */
export async function handleGetRun(deps: TriggerDeps, request: Request, runId: string): Promise<Response> {
  try {
    const { teamId } = await requireApiKey(deps, request);
    const run = runId.length <= 100 ? await readRunState(deps.db, teamId, runId) : null;
    if (!run) throw new HttpError("NOT_FOUND", "run not found");
    return json(run);
  } catch (error) {
    return errorResponse(error);
  }
}
