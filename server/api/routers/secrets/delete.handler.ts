import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { DeleteSecretInput } from "./delete.schema";

/** Deletes one of the team's secrets; http steps that use it fail ("not set") from their next attempt. */
export async function deleteSecret({ ctx, input }: { ctx: TeamContext; input: DeleteSecretInput }): Promise<{ name: string }> {
  const teamId = ctx.membership.teamId;
  return ctx.db.$transaction(async (tx) => {
    const secret = await tx.teamSecret.findUnique({ where: { teamId_name: { teamId, name: input.name } }, select: { id: true, name: true } });
    if (!secret) throw new NotFoundError(`secret ${input.name}`);
    await tx.teamSecret.delete({ where: { id: secret.id } });
    await recordAudit(tx, { teamId, actor: personActor(ctx.session), action: "secret.deleted", target: { type: "secret", id: secret.id, label: secret.name } });
    return { name: secret.name };
  });
}
