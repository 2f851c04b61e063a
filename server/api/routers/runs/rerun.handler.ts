import "server-only";
import { runTarget } from "@/server/audit/audit-targets";
import { auditStartRecord, personActor } from "@/server/audit/record-audit";
import { NotFoundError } from "../../errors";
import { requireEngine, type TeamContext } from "../../trpc";
import type { RerunInput } from "./rerun.schema";

/**
 * Starts a new run of the definition the given run pinned (the same published version, even if
 * newer ones exist), with the same input unless another is given. The input is checked against
 * that version's input schema; a refused input starts nothing.
 */
export async function rerun({ ctx, input }: { ctx: TeamContext; input: RerunInput }): Promise<{ runId: string }> {
  const original = await ctx.db.run.findFirst({
    where: { id: input.runId, teamId: ctx.membership.teamId },
    select: {
      definition: true,
      input: true,
      workflowId: true,
      workflowVersionId: true,
      workflow: { select: { name: true } },
      workflowVersion: { select: { number: true } },
    },
  });
  if (!original) throw new NotFoundError("run");
  const engine = await requireEngine(ctx);
  const name = original.workflow?.name ?? null;
  const detail = { workflow: name, workflowId: original.workflowId, version: original.workflowVersion?.number ?? null, rerunOf: input.runId };
  const { runId } = await engine.startRun({
    definition: JSON.parse(original.definition) as unknown,
    input: input.input === undefined ? (JSON.parse(original.input) as unknown) : input.input,
    teamId: ctx.membership.teamId,
    workflowId: original.workflowId,
    workflowVersionId: original.workflowVersionId,
    // Committed with the run: a started run has exactly one entry.
    records: (newRunId) => [
      auditStartRecord({ teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "run.started", target: runTarget(newRunId, name), detail }),
    ],
  });
  return { runId };
}
