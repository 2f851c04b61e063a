import "server-only";
import { runStatuses, type RunStatus } from "@/engine/definition";
import type { Db } from "@/server/db/create-prisma-client";
import { keysetPage, olderThan, type KeysetPosition } from "@/server/keyset-cursor";
import { oneOf } from "./run-rows";

/** Which of a team's runs a listing shows; every field narrows, none is required. */
export interface RunFilters {
  workflowId?: string;
  /** Any of these statuses; all when omitted or empty. */
  status?: readonly RunStatus[];
  /** Created at or after. */
  from?: Date;
  /** Created at or before. */
  to?: Date;
  /** Child runs of sub-workflow and map steps are listed with their parent's only when asked. */
  includeChildren?: boolean;
  /** Runs whose id starts with this. */
  idPrefix?: string;
  /** Only these runs (an input search's matches). */
  ids?: readonly string[];
  /** Only test runs of drafts when true; only other runs when false or omitted. */
  test?: boolean;
}

export interface RunPageRequest {
  /** Where the previous page ended (a decoded `nextCursor`). */
  cursor?: KeysetPosition | null;
  limit: number;
}

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
  /** What started it, from the audit log's `run.started`; null when nothing recorded it (a child run). */
  trigger: RunTrigger | null;
  /** Who the audit log names as starting it: a person's name, "webhook", "schedule", "API key <name>". */
  startedBy: string | null;
}

export const runTriggers = ["manual", "webhook", "schedule", "api"] as const;
export type RunTrigger = (typeof runTriggers)[number];

export interface RunListPage {
  items: RunListItem[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

function whereOf(teamId: string, filters: RunFilters) {
  return {
    teamId,
    ...(filters.includeChildren ? {} : { parentRunId: null }),
    test: filters.test ?? false,
    ...(filters.workflowId && { workflowId: filters.workflowId }),
    ...((filters.idPrefix !== undefined || filters.ids) && { id: { ...(filters.idPrefix !== undefined && { startsWith: filters.idPrefix }), ...(filters.ids && { in: [...filters.ids] }) } }),
    ...(filters.status?.length && { status: { in: [...filters.status] } }),
    ...((filters.from || filters.to) && { createdAt: { ...(filters.from && { gte: filters.from }), ...(filters.to && { lte: filters.to }) } }),
  };
}

/**
 * One page of the team's runs, newest first, in one query. Pages are keyed on `(createdAt, id)`,
 * both in the sort, so runs started while someone pages through appear above the first page and
 * never shift a later page: no run is listed twice or skipped.
 */
export async function listRuns(db: Db, teamId: string, filters: RunFilters, page: RunPageRequest): Promise<RunListPage> {
  const rows = await db.run.findMany({
    where: { AND: [whereOf(teamId, filters), olderThan(page.cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
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
  });
  const { rows: shown, nextCursor } = keysetPage(rows, page.limit);
  const starts = await startsOf(db, teamId, shown.map((run) => run.id));
  return {
    items: shown.map(({ workflowVersion, steps, ...run }) => ({
      ...run,
      trigger: starts.get(run.id)?.trigger ?? null,
      startedBy: starts.get(run.id)?.startedBy ?? null,
      status: oneOf(runStatuses, run.status),
      version: workflowVersion?.number ?? null,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - (run.startedAt ?? run.createdAt).getTime() : null,
      failedStep: steps[0]?.stepId ?? null,
    })),
    nextCursor,
  };
}

/**
 * The `run.started` audit entries of one page of runs (one indexed query): the audit log already
 * names who or what started each run, so the runs table needs no column of its own for it.
 */
async function startsOf(db: Db, teamId: string, runIds: string[]): Promise<Map<string, { trigger: RunTrigger | null; startedBy: string }>> {
  if (runIds.length === 0) return new Map();
  const entries = await db.auditEvent.findMany({
    where: { teamId, action: "run.started", targetType: "run", targetId: { in: runIds } },
    select: { targetId: true, actorId: true, actorName: true },
  });
  return new Map(entries.map((entry) => [entry.targetId!, { trigger: triggerOf(entry.actorId, entry.actorName), startedBy: entry.actorName }]));
}

/** The audit actors of `server/audit/record-audit.ts`: a person, or the machine that started it. */
function triggerOf(actorId: string | null, actorName: string): RunTrigger | null {
  if (actorId) return "manual";
  if (actorName === "webhook") return "webhook";
  if (actorName === "schedule") return "schedule";
  if (actorName.startsWith("API key ")) return "api";
  return null;
}

/** How many of the team's runs match the filters, across all pages. */
export async function countRuns(db: Db, teamId: string, filters: RunFilters): Promise<number> {
  return db.run.count({ where: whereOf(teamId, filters) });
}
