import "server-only";
import type { HttpDeps } from "@/server/http/deps";
import { parseQuery } from "@/server/http/parse-request";
import { errorResponse, respond } from "@/server/http/responses";
import { listRuns } from "@/server/runs/list-runs";
import { requireApiKey } from "../require-api-key";
import { listRunsQuerySchema, runListSchema } from "./list.schema";

/**
 * `GET /api/v1/runs?workflowId=&status=&limit=&cursor=`: the key's team's top-level runs, newest
 * first, `{ items, nextCursor }`, with the same cursors as the designer's runs list.
 */
export async function handleListRuns(deps: HttpDeps, request: Request): Promise<Response> {
  try {
    const { teamId } = await requireApiKey(deps, request);
    const { cursor, limit, ...filters } = parseQuery(listRunsQuerySchema, request);
    const page = await listRuns(deps.db, teamId, filters, { cursor, limit });
    return respond(runListSchema, { ...page, items: page.items.map((run) => ({ ...run, workflowId: run.workflow?.id ?? null })) });
  } catch (error) {
    return errorResponse(error);
  }
}
