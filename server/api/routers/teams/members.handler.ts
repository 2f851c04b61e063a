import "server-only";
import { listMembers, type TeamMember } from "@/server/teams/members";
import type { TeamContext } from "../../trpc";

/** The caller's team's members, readable by every member. */
export async function members({ ctx }: { ctx: TeamContext }): Promise<TeamMember[]> {
  return listMembers(ctx.db, ctx.membership.teamId);
}
