import "server-only";
import { runStatuses, type RunStatus } from "@/engine/definition/statuses";
import { containsText } from "@/server/db/text-search";
import type { TeamContext } from "../../trpc";
import type { ListWorkflowsInput, WorkflowSort } from "./list.schema";

export interface WorkflowSummary {
  id: string;
  name: string;
  namespace: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  stepCount: number;
  lastRunStatus: RunStatus | null;
}

// Every order ends on a unique key so equal timestamps (one seed, one transaction) still list stably.
const orderBy = {
  updated: [{ updatedAt: "desc" }, { name: "asc" }, { namespace: "asc" }],
  created: [{ createdAt: "desc" }, { name: "asc" }, { namespace: "asc" }],
  name: [{ name: "asc" }, { namespace: "asc" }],
} as const satisfies Record<WorkflowSort, unknown>;

/** The caller's team's workflows, most recently changed first unless `sort` says otherwise. */
export async function listWorkflows({ ctx, input }: { ctx: TeamContext; input: ListWorkflowsInput }): Promise<WorkflowSummary[]> {
  const search = input?.search;
  const matches = search ? containsText(ctx.dbProvider, search) : undefined;
  const rows = await ctx.db.workflow.findMany({
    where: {
      teamId: ctx.membership.teamId,
      ...(matches && { OR: [{ name: matches }, { namespace: matches }, { description: matches }] }),
    },
    orderBy: [...orderBy[input?.sort ?? "updated"]],
    select: {
      id: true,
      name: true,
      namespace: true,
      description: true,
      createdAt: true,
      updatedAt: true,
      draft: true,
      runs: { where: { parentRunId: null }, orderBy: { createdAt: "desc" }, take: 1, select: { status: true } },
    },
  });
  return rows.map(({ draft, runs, ...workflow }) => ({
    ...workflow,
    stepCount: countSteps(draft),
    lastRunStatus: asRunStatus(runs[0]?.status),
  }));
}

/** Drafts may be invalid (they are saved while being edited): count what is there. */
function countSteps(draft: string): number {
  try {
    const steps = (JSON.parse(draft) as { steps?: unknown }).steps;
    return Array.isArray(steps) ? steps.length : 0;
  } catch {
    return 0;
  }
}

function asRunStatus(status: string | undefined): RunStatus | null {
  return (runStatuses as readonly string[]).includes(status ?? "") ? (status as RunStatus) : null;
}
