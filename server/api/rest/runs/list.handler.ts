import "server-only";
import { z } from "zod";
import { runStatuses } from "@/engine";
import { requireApiKey } from "../require-api-key";
import type { HttpDeps } from "@/server/http/deps";
import { errorResponse, HttpError, json } from "@/server/http/responses";
import { keysetCursorSchema } from "@/server/keyset-cursor";
import { listRuns } from "@/server/runs/list-runs";
import { issuesOfZod } from "@/server/http/zod-issues";

const listQuerySchema = z.strictObject({
  workflowId: z.string().min(1).max(100).optional(),
  /** One status or several, comma-separated. */
  status: z
    .string()
    .transform((value) => value.split(",").map((status) => status.trim()))
    .pipe(z.array(z.enum(runStatuses)))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: keysetCursorSchema.optional(),
});

/**
 * `GET /api/v1/runs?workflowId=&status=&limit=&cursor=`: the key's team's top-level runs, newest
 * first, `{ items, nextCursor }`. Keyed on `(createdAt, id)` so runs started while a client pages
 * through never shift a later page.
 */
export async function handleListRuns(deps: HttpDeps, request: Request): Promise<Response> {
  try {
    const { teamId } = await requireApiKey(deps, request);
    const parsed = listQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new HttpError("BAD_REQUEST", "invalid query", issuesOfZod(parsed.error));
    const { cursor, limit, ...filters } = parsed.data;
    const page = await listRuns(deps.db, teamId, filters, { cursor, limit });
    return json({
      items: page.items.map((run) => ({
        id: run.id,
        status: run.status,
        workflowId: run.workflow?.id ?? null,
        createdAt: run.createdAt,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        version: run.version,
      })),
      nextCursor: page.nextCursor,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
