import "server-only";
import { requireApiKey } from "../require-api-key";
import type { HttpDeps } from "@/server/http/deps";
import { errorResponse, HttpError, json } from "@/server/http/responses";
import { readRun } from "@/server/runs/read-run";

/** `GET /api/v1/runs/{runId}`: the run's state, its steps included; 404 for another team's run. */
export async function handleGetRun(deps: HttpDeps, request: Request, runId: string): Promise<Response> {
  try {
    const { teamId } = await requireApiKey(deps, request);
    const run = runId.length <= 100 ? await readRun(deps.db, teamId, runId) : null;
    if (!run) throw new HttpError("NOT_FOUND", "run not found");
    const { id, status, workflowId, version, parentRunId, input, output, error, createdAt, startedAt, finishedAt } = run;
    const steps = run.steps.map(({ stepId, status, attempt, output, error, startedAt, finishedAt }) => ({ stepId, status, attempt, output, error, startedAt, finishedAt }));
    return json({ id, status, workflowId, version, parentRunId, input, output, error, createdAt, startedAt, finishedAt, steps });
  } catch (error) {
    return errorResponse(error);
  }
}
