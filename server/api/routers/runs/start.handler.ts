import "server-only";
import { TRPCError } from "@trpc/server";
import { runTarget } from "@/server/audit/audit-targets";
import { auditStartRecord, personActor } from "@/server/audit/record-audit";
import { NotFoundError } from "../../errors";
import { requireEngine, type TeamContext } from "../../trpc";
import { parseDraft } from "../workflows/workflow-access";
import type { StartRunInput } from "./start.schema";

export interface StartedRun {
  runId: string;
  /** The published version the run pinned. */
  version: number;
}

/**
 * Starts a run of a published version of a team workflow (the latest unless `version` is given).
 * The engine validates the input against the version's input schema before it writes anything, so
 * a refused input leaves no run behind; its issues reach the client as `error.data.issues`.
 */
export async function startRun({ ctx, input }: { ctx: TeamContext; input: StartRunInput }): Promise<StartedRun> {
  const engine = await requireEngine(ctx);
  const workflow = await ctx.db.workflow.findFirst({
    where: { id: input.workflowId, teamId: ctx.membership.teamId },
    select: { id: true, name: true },
  });
  if (!workflow) throw new NotFoundError("workflow");
  const version = await ctx.db.workflowVersion.findFirst({
    where: { workflowId: workflow.id, ...(input.version === undefined ? {} : { number: input.version }) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, definition: true },
  });
  if (!version && input.version !== undefined) throw new NotFoundError(`version ${input.version} of workflow "${workflow.name}"`);
  // The request is well formed but the workflow is not in a state that can run (HTTP 412): a client
  // can tell "publish first" apart from a bad input (400) without parsing messages.
  if (!version) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `workflow "${workflow.name}" has no published version — publish it first` });
  const detail = { workflow: workflow.name, workflowId: workflow.id, version: version.number };
  const { runId } = await engine.startRun({
    definition: parseDraft(version.definition),
    input: input.input ?? {},
    teamId: ctx.membership.teamId,
    workflowId: workflow.id,
    workflowVersionId: version.id,
    // Committed with the run: a started run has exactly one entry.
    records: (newRunId) => [
      auditStartRecord({ teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "run.started", target: runTarget(newRunId, workflow.name), detail }),
    ],
  });
  return { runId, version: version.number };
}
