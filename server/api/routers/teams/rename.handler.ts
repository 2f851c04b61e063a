import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import type { RenameTeamInput } from "./rename.schema";

/** Renames the caller's team (its slug stays: links keep working), recorded in the audit log. */
export async function renameTeam({ ctx, input }: { ctx: TeamContext; input: RenameTeamInput }): Promise<{ id: string; name: string }> {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: ctx.membership.teamId }, select: { name: true } });
    const team = await tx.team.update({ where: { id: ctx.membership.teamId }, data: { name: input.name }, select: { id: true, name: true } });
    if (before.name !== team.name)
      await recordAudit(tx, {
        teamId: team.id,
        actor: personActor(ctx.session),
        action: "team.renamed",
        target: { type: "team", id: team.id, label: team.name },
        detail: { from: before.name },
      });
    return team;
  });
}
