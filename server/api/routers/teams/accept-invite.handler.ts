import "server-only";
import { acceptInvite as acceptTeamInvite, type AcceptedInvite } from "@/server/teams/invites";
import { setActiveTeam } from "@/server/teams/memberships";
import type { InviteTokenInput } from "./invite.schema";
import type { SignedInContext } from "./signed-in-context";

/** The signed-in caller joins through a link, and their session switches to that team. */
export async function acceptInvite({ ctx, input }: { ctx: SignedInContext; input: InviteTokenInput }): Promise<AcceptedInvite> {
  const { user, sessionId } = ctx.person;
  const accepted = await acceptTeamInvite(ctx.db, { token: input.token, userId: user.id });
  await setActiveTeam(ctx.db, { sessionId, userId: user.id, teamId: accepted.teamId });
  return accepted;
}
