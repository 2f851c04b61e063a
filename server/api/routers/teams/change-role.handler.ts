import "server-only";
import { personActor } from "@/server/audit/record-audit";
import type { Role } from "@/server/roles";
import { changeMemberRole } from "@/server/teams/members";
import type { TeamContext } from "../../trpc";
import type { ChangeRoleInput } from "./member.schema";

/** An owner gives a member of their team another role; the last owner cannot be demoted. */
export async function changeRole({ ctx, input }: { ctx: TeamContext; input: ChangeRoleInput }): Promise<{ userId: string; role: Role }> {
  return changeMemberRole(ctx.db, { teamId: ctx.membership.teamId, userId: input.userId, role: input.role, actor: personActor(ctx.session) });
}
