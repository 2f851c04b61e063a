import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { Role } from "@/server/roles";
import { createInvite as createTeamInvite } from "@/server/teams/invites";
import type { TeamContext } from "../../trpc";
import type { CreateInviteInput } from "./invite.schema";

export interface CreatedInviteLink {
  id: string;
  role: Role;
  /** `/invite/<token>`, in this answer only: only the token's hash is stored. */
  path: string;
  expiresAt: Date;
}

/** A single-use, expiring link into the caller's team with `role`. */
export async function createInvite({ ctx, input }: { ctx: TeamContext; input: CreateInviteInput }): Promise<CreatedInviteLink> {
  const { teamId, userId } = ctx.membership;
  return ctx.db.$transaction(async (tx) => {
    const { token, invite } = await createTeamInvite(tx, { teamId, role: input.role, createdById: userId, expiresInHours: input.expiresInHours });
    await recordAudit(tx, {
      teamId,
      actor: personActor(ctx.session),
      action: "member.invited",
      target: { type: "invite", id: invite.id, label: `${invite.role} invite` },
      detail: { role: invite.role, expiresAt: invite.expiresAt.toISOString() },
    });
    return { id: invite.id, role: invite.role, path: `/invite/${token}`, expiresAt: invite.expiresAt };
  });
}
