import "server-only";
import { createTeam as createTeamFor } from "@/server/teams/create-team";
import { setActiveTeam, type TeamOfUser } from "@/server/teams/memberships";
import type { CreateTeamInput } from "./create.schema";
import type { SignedInContext } from "./signed-in-context";

/** A new team with the caller as its owner; the caller's session switches to it. */
export async function createTeam({ ctx, input }: { ctx: SignedInContext; input: CreateTeamInput }): Promise<TeamOfUser> {
  const { user, sessionId } = ctx.person;
  const team = await createTeamFor(ctx.db, { name: input.name, ownerId: user.id });
  await setActiveTeam(ctx.db, { sessionId, userId: user.id, teamId: team.id });
  return { id: team.id, name: team.name, role: team.role };
}
