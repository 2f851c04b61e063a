import "server-only";
import { z } from "zod";
import { runStatuses } from "@/engine";
import { requireApiKey } from "./api-auth";
import type { TriggerDeps } from "./deps";
import { errorResponse, HttpError, json } from "./responses";
import { oneOf } from "@/server/runs/run-rows";
import { issuesOfZod } from "./zod-issues";

/** Opaque to clients: base64url of `<createdAt ms>:<run id>`, the listing's sort key. */
const cursorSchema = z
  .string()
  .max(300)
  .transform((cursor, ctx) => {
    const text = Buffer.from(cursor, "base64url").toString("utf8");
    const separator = text.indexOf(":");
    const ms = Number(text.slice(0, separator));
    const id = text.slice(separator + 1);
    if (separator < 1 || !Number.isSafeInteger(ms) || !id) {
      ctx.addIssue({ code: "custom", message: "cursor is not one this listing returned" });
      return z.NEVER;
    }
    return { createdAt: new Date(ms), id };
  });

const listQuerySchema = z.strictObject({
  workflowId: z.string().min(1).max(100).optional(),
  /** One status or several, comma-separated. */
  status: z
    .string()
    .transform((value) => value.split(",").map((status) => status.trim()))
    .pipe(z.array(z.enum(runStatuses)))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorSchema.optional(),
});

/**
 * `GET /api/v1/runs?workflowId=&status=&limit=&cursor=`: the key's team's top-level runs, newest
 * first, `{ items, nextCursor }`. Keyed on `(createdAt, id)` so runs started while a client pages
 * through never shift a later page.
 */
export async function handleListRuns(deps: TriggerDeps, request: Request): Promise<Response> {
  try {
    const { teamId } = await requireApiKey(deps, request);
    const parsed = listQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new HttpError("BAD_REQUEST", "invalid query", issuesOfZod(parsed.error));
    const query = parsed.data;
    const where = {
      teamId,
      parentRunId: null,
      ...(query.workflowId && { workflowId: query.workflowId }),
      ...(query.status && { status: { in: query.status } }),
    };
    const after = query.cursor && {
      OR: [{ createdAt: { lt: query.cursor.createdAt } }, { createdAt: query.cursor.createdAt, id: { lt: query.cursor.id } }],
    };
    const rows = await deps.db.run.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      select: { id: true, status: true, workflowId: true, createdAt: true, startedAt: true, finishedAt: true, workflowVersion: { select: { number: true } } },
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return json({
      items: page.map(({ workflowVersion, ...run }) => ({ ...run, status: oneOf(runStatuses, run.status), version: workflowVersion?.number ?? null })),
      nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.createdAt.getTime()}:${last.id}`).toString("base64url") : null,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
