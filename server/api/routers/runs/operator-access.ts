import "server-only";
import type { Actor } from "@/engine";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";

/**
 * Refuses a run that is not the caller's team's before the engine hears of it: the engine knows no
 * teams, so another team's run must be "not found" here, exactly like an unknown one.
 */
export async function requireTeamRun(ctx: TeamContext, runId: string): Promise<void> {
  const run = await ctx.db.run.findFirst({ where: { id: runId, teamId: ctx.membership.teamId }, select: { id: true } });
  if (!run) throw new NotFoundError("run");
}

/** Who acts (the signed-in person's name, as the run history shows it) and why. */
export function actorOf(ctx: TeamContext, reason?: string): Actor {
  return { by: ctx.session.user.name, ...(reason ? { reason } : {}) };
}
