import "server-only";
import type { TeamContext } from "../../trpc";
import type { RenameTeamInput } from "./rename.schema";

/** Renames the caller's team (its slug stays: links keep working). */
export async function renameTeam({ ctx, input }: { ctx: TeamContext; input: RenameTeamInput }): Promise<{ id: string; name: string }> {
  return ctx.db.team.update({ where: { id: ctx.membership.teamId }, data: { name: input.name }, select: { id: true, name: true } });
}
