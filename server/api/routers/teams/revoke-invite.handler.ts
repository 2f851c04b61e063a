import "server-only";
import { ValidationError } from "@/engine/definition/issues";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { RevokeInviteInput } from "./invite.schema";

/**
 * Makes a link of the caller's team unusable. Revoking twice keeps the first time; a used link
 * is refused (its member is removed instead). The write is conditional, so it cannot revoke a
 * link that someone accepts at the same moment.
 */
export async function revokeInvite({ ctx, input }: { ctx: TeamContext; input: RevokeInviteInput }): Promise<{ id: string; revokedAt: Date }> {
  const { teamId } = ctx.membership;
  return ctx.db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.teamInvite.updateMany({ where: { id: input.inviteId, teamId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const invite = await tx.teamInvite.findFirst({ where: { id: input.inviteId, teamId }, select: { id: true, role: true, usedAt: true, revokedAt: true } });
    if (!invite) throw new NotFoundError("invite");
    if (invite.usedAt) throw new ValidationError([{ path: "", message: "this invite link was already used: remove the member instead" }], "invite not revoked");
    if (count === 1) await recordAudit(tx, { teamId, actor: personActor(ctx.session), action: "invite.revoked", target: { type: "invite", id: invite.id, label: `${invite.role} invite` } });
    return { id: invite.id, revokedAt: invite.revokedAt ?? now };
  });
}
