import "server-only";
import type { Actor } from "@/engine";
import { runTarget } from "@/server/audit/audit-targets";
import { personActor, recordAuditAfter, type AuditEntry } from "@/server/audit/record-audit";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";

/**
 * Refuses a run that is not the caller's team's before the engine hears of it: the engine knows no
 * teams, so another team's run must be "not found" here, exactly like an unknown one.
 */
export async function requireTeamRun(ctx: TeamContext, runId: string): Promise<TeamRun> {
  const run = await ctx.db.run.findFirst({ where: { id: runId, teamId: ctx.membership.teamId }, select: { id: true, workflow: { select: { name: true } } } });
  if (!run) throw new NotFoundError("run");
  return { id: run.id, workflowName: run.workflow?.name ?? null };
}

/** A run of the caller's team, with what its audit entries are labelled with. */
export interface TeamRun {
  id: string;
  workflowName: string | null;
}

/** Records an operator's action on a run once the engine has committed it (see `recordAuditAfter`). */
export function auditRunAction(ctx: TeamContext, run: TeamRun, action: AuditEntry["action"], detail: Record<string, unknown>): Promise<void> {
  return recordAuditAfter(ctx.db, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action, target: runTarget(run.id, run.workflowName), detail });
}

/** Who acts (the signed-in person's name, as the run history shows it) and why. */
export function actorOf(ctx: TeamContext, reason?: string): Actor {
  return { by: ctx.session.user.name, ...(reason ? { reason } : {}) };
}
