import "server-only";
import { personActor } from "@/server/audit/record-audit";
import { removeMember } from "@/server/teams/members";
import { activeTeamFor, type ActiveTeam } from "@/server/teams/memberships";
import type { TeamContext } from "../../trpc";

/** The caller leaves their current team (not as its last owner); answers the team they act in next, if any. */
export async function leave({ ctx }: { ctx: TeamContext }): Promise<{ next: ActiveTeam | null }> {
  const { userId, teamId } = ctx.membership;
  await removeMember(ctx.db, { teamId, userId, actor: personActor(ctx.session), leaving: true });
  return { next: await activeTeamFor(ctx.db, { userId }) };
}
