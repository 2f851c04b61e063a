import "server-only";
import { NotFoundError } from "../../errors";
import { setActiveTeam, teamsOf, type TeamOfUser } from "@/server/teams/memberships";
import type { SignedInContext } from "./signed-in-context";
import type { SwitchTeamInput } from "./switch.schema";

/** Makes the caller's session act in another of their teams; a team they are not in is "not found". */
export async function switchTeam({ ctx, input }: { ctx: SignedInContext; input: SwitchTeamInput }): Promise<TeamOfUser> {
  const { user, sessionId } = ctx.person;
  const team = (await teamsOf(ctx.db, user.id)).find((candidate) => candidate.id === input.teamId);
  if (!team) throw new NotFoundError("team");
  await setActiveTeam(ctx.db, { sessionId, userId: user.id, teamId: team.id });
  return team;
}
