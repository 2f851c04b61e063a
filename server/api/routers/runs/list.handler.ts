import "server-only";
import { runStatuses, type RunStatus } from "@/engine/definition";
import { encodeKeysetCursor } from "../../keyset-cursor";
import type { TeamContext } from "../../trpc";
import type { ListRunsInput } from "./list.schema";

export interface RunListItem {
  id: string;
  status: RunStatus;
  /** null when the workflow was deleted or the run had an inline definition (a child run). */
  workflow: { id: string; name: string } | null;
  version: number | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** From start (or creation) to finish; null while the run is unfinished. */
  durationMs: number | null;
  /** The first step that failed terminally, if any (a running run can have one: fault isolation). */
  failedStep: string | null;
  /** Set on child runs only (listed with `includeChildren`). */
  parentRunId: string | null;
}

export interface RunListPage {
  items: RunListItem[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
  /** How many runs match the filters, across all pages. */
  total: number;
}

/**
 * The caller's team's runs, newest first. Pages are keyed on `(createdAt, id)`, both in the sort,
 * so runs started while someone pages through appear above the first page and never shift a
 * later page: no run is listed twice or skipped.
 */
export async function listRuns({ ctx, input }: { ctx: TeamContext; input: ListRunsInput }): Promise<RunListPage> {
  const where = {
    teamId: ctx.membership.teamId,
    ...(input.includeChildren ? {} : { parentRunId: null }),
    ...(input.workflowId && { workflowId: input.workflowId }),
    ...(input.status?.length && { status: { in: input.status } }),
    ...((input.from || input.to) && { createdAt: { ...(input.from && { gte: input.from }), ...(input.to && { lte: input.to }) } }),
  };
  const after = input.cursor && {
    OR: [{ createdAt: { lt: input.cursor.createdAt } }, { createdAt: input.cursor.createdAt, id: { lt: input.cursor.id } }],
  };
  const [rows, total] = await Promise.all([
    ctx.db.run.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: {
        id: true,
        status: true,
        createdAt: true,
        updatedAt: true,
        startedAt: true,
        finishedAt: true,
        parentRunId: true,
        workflow: { select: { id: true, name: true } },
        workflowVersion: { select: { number: true } },
        steps: { where: { status: "failed" }, orderBy: [{ finishedAt: "asc" }, { stepId: "asc" }], take: 1, select: { stepId: true } },
      },
    }),
    ctx.db.run.count({ where }),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ workflowVersion, steps, ...run }) => ({
      ...run,
      status: asRunStatus(run.status),
      version: workflowVersion?.number ?? null,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - (run.startedAt ?? run.createdAt).getTime() : null,
      failedStep: steps[0]?.stepId ?? null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeKeysetCursor(last) : null,
    total,
  };
}

/** Status columns are plain text in the schema: a value outside the vocabulary is a corrupt row. */
function asRunStatus(value: string): RunStatus {
  if (!(runStatuses as readonly string[]).includes(value)) throw new Error(`unknown status "${value}" in the runs tables`);
  return value as RunStatus;
}
