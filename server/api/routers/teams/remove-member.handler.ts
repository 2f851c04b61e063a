import "server-only";
import { personActor } from "@/server/audit/record-audit";
import { removeMember as removeTeamMember } from "@/server/teams/members";
import type { TeamContext } from "../../trpc";
import type { RemoveMemberInput } from "./member.schema";

/** An owner takes someone out of their team; the last owner cannot be removed. */
export async function removeMember({ ctx, input }: { ctx: TeamContext; input: RemoveMemberInput }): Promise<{ userId: string }> {
  return removeTeamMember(ctx.db, { teamId: ctx.membership.teamId, userId: input.userId, actor: personActor(ctx.session) });
}
