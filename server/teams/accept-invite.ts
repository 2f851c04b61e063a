import "server-only";
import { recordAudit } from "@/server/audit/record-audit";
import { NotFoundError } from "@/server/api/errors";
import { hasRole, isRole, type Role } from "@/server/roles";
import { findInviteByToken } from "./find-invite";
import { inviteRefusal } from "./invite-errors";
import { inviteStateOf } from "./invite-state";
import { inTransaction, type TeamsDb } from "./teams-db";

export interface AcceptedInvite {
  teamId: string;
  teamName: string;
  /** The role the person now has in the team (theirs if it was already higher than the link's). */
  role: Role;
}

/**
 * Makes `userId` a member through an invite link, in one transaction. The link is claimed by a
 * compare-and-set on `used_at`: of two people opening it at once, exactly one gets the membership.
 * A refused link changes nothing. Someone already in the team keeps the higher of the two roles;
 * when their role is already at least the link's, the link is left unused for whoever it was for.
 */
export async function acceptInvite(db: TeamsDb, { token, userId }: { token: string; userId: string }, now = new Date()): Promise<AcceptedInvite> {
  return inTransaction(db, async (tx) => {
    const invite = await findInviteByToken(tx, token);
    if (!invite || !isRole(invite.role)) throw inviteRefusal("unknown");
    const state = inviteStateOf(invite, now);
    if (state !== "valid") throw inviteRefusal(state);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
    if (!user) throw new NotFoundError("user");
    const joined = { teamId: invite.teamId, teamName: invite.team.name };

    const existing = await tx.membership.findUnique({ where: { userId_teamId: { userId, teamId: invite.teamId } }, select: { id: true, role: true } });
    const existingRole = existing && isRole(existing.role) ? existing.role : null;
    if (existingRole && hasRole(existingRole, invite.role)) return { ...joined, role: existingRole };

    const claimed = await tx.teamInvite.updateMany({
      where: { id: invite.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, usedById: userId },
    });
    if (claimed.count !== 1) throw await lostClaim(tx, invite.id, now);

    const actor = { id: user.id, name: user.name };
    const target = { type: "member" as const, id: user.id, label: user.email };
    if (existing) {
      await tx.membership.update({ where: { id: existing.id }, data: { role: invite.role }, select: { id: true } });
      await recordAudit(tx, { teamId: invite.teamId, actor, action: "member.role_changed", target, detail: { from: existing.role, to: invite.role, via: "invite" } });
    } else {
      await tx.membership.create({ data: { userId, teamId: invite.teamId, role: invite.role }, select: { id: true } });
      await recordAudit(tx, { teamId: invite.teamId, actor, action: "member.joined", target, detail: { role: invite.role, via: "invite" } });
    }
    return { ...joined, role: invite.role };
  });
}

/** Why the compare-and-set found nothing to claim: someone used or revoked the link since we read it. */
async function lostClaim(tx: TeamsDb, inviteId: string, now: Date): Promise<Error> {
  const invite = await tx.teamInvite.findUnique({ where: { id: inviteId }, select: { expiresAt: true, usedAt: true, revokedAt: true } });
  if (!invite) return inviteRefusal("unknown");
  const state = inviteStateOf(invite, now);
  return inviteRefusal(state === "valid" ? "used" : state);
}
