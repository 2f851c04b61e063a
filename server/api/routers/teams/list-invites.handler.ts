import "server-only";
import { isRole, type Role } from "@/server/roles";
import { inviteStateOf } from "@/server/teams/invite-state";
import type { TeamContext } from "../../trpc";

export type InviteStatus = "pending" | "used" | "expired" | "revoked";

export interface InviteSummary {
  id: string;
  role: Role;
  status: InviteStatus;
  createdAt: Date;
  expiresAt: Date;
  createdBy: { id: string; name: string } | null;
  usedAt: Date | null;
  usedBy: { id: string; name: string; email: string } | null;
  revokedAt: Date | null;
}

/** How many links the list shows, newest first: old ones are a record, not something to act on. */
const listedInvites = 100;

/** The team's invite links and what became of them; never their tokens (only hashes are stored). */
export async function listInvites({ ctx }: { ctx: TeamContext }): Promise<InviteSummary[]> {
  const now = new Date();
  const invites = await ctx.db.teamInvite.findMany({
    where: { teamId: ctx.membership.teamId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: listedInvites,
    select: {
      id: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      createdBy: { select: { id: true, name: true } },
      usedBy: { select: { id: true, name: true, email: true } },
    },
  });
  return invites.flatMap(({ role, ...invite }) => {
    if (!isRole(role)) return [];
    const state = inviteStateOf(invite, now);
    return [{ ...invite, role, status: state === "valid" ? "pending" : state }];
  });
}
