import "server-only";
import type { TeamContext } from "../../trpc";

interface EntryTarget {
  id: string;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
}

/**
 * The page of each entry's target, by entry id: a workflow's designer, a run's view; a webhook or
 * schedule opens its workflow. Only targets that still exist in the caller's team get one, so a
 * deleted workflow is plain text and nothing links across teams. Two queries per page, not per entry.
 */
export async function targetHrefs(ctx: Pick<TeamContext, "db" | "membership">, entries: EntryTarget[]): Promise<Map<string, string>> {
  const workflowOf = new Map<string, string>();
  const runOf = new Map<string, string>();
  for (const entry of entries) {
    const workflowId = workflowIdOf(entry);
    if (workflowId) workflowOf.set(entry.id, workflowId);
    if (entry.targetType === "run" && entry.targetId) runOf.set(entry.id, entry.targetId);
  }
  const teamId = ctx.membership.teamId;
  const [workflows, runs] = await Promise.all([
    workflowOf.size ? ctx.db.workflow.findMany({ where: { id: { in: [...new Set(workflowOf.values())] }, teamId }, select: { id: true } }) : [],
    runOf.size ? ctx.db.run.findMany({ where: { id: { in: [...new Set(runOf.values())] }, teamId }, select: { id: true } }) : [],
  ]);
  const liveWorkflows = new Set(workflows.map((workflow) => workflow.id));
  const liveRuns = new Set(runs.map((run) => run.id));
  const hrefs = new Map<string, string>();
  for (const [entryId, workflowId] of workflowOf) if (liveWorkflows.has(workflowId)) hrefs.set(entryId, `/workflows/${workflowId}`);
  for (const [entryId, runId] of runOf) if (liveRuns.has(runId)) hrefs.set(entryId, `/runs/${runId}`);
  return hrefs;
}

function workflowIdOf(entry: EntryTarget): string | null {
  if (entry.targetType === "workflow" || entry.targetType === "webhook") return entry.targetId;
  if (entry.targetType === "schedule" && typeof entry.detail.workflowId === "string") return entry.detail.workflowId;
  return null;
}
