import "server-only";
import { hashSecret, newSecret } from "@/server/triggers/secrets";
import { isRole, type Role } from "@/server/roles";
import { findInviteByToken } from "./find-invite";
import { inviteExpiresAt, inviteStateOf, type InviteState } from "./invite-state";
import type { TeamsDb } from "./teams-db";

// One import for sign-up and the router: making, describing and accepting a link.
export { acceptInvite, type AcceptedInvite } from "./accept-invite";

export interface CreateInviteRequest {
  teamId: string;
  role: Role;
  createdById: string | null;
  /** 1 to 720; a week when left out. */
  expiresInHours?: number;
}

export interface CreatedInvite {
  /** The link's secret, in this answer only: only its sha256 is stored. */
  token: string;
  invite: { id: string; teamId: string; role: Role; expiresAt: Date; createdAt: Date };
}

/** A new single-use link into `teamId` with `role`; the caller shows `/invite/<token>` once. */
export async function createInvite(db: TeamsDb, request: CreateInviteRequest, now = new Date()): Promise<CreatedInvite> {
  const expiresAt = inviteExpiresAt(request.expiresInHours, now);
  const token = newSecret();
  const invite = await db.teamInvite.create({
    data: { teamId: request.teamId, role: request.role, tokenHash: hashSecret(token), expiresAt, createdById: request.createdById },
    select: { id: true, teamId: true, expiresAt: true, createdAt: true },
  });
  return { token, invite: { ...invite, role: request.role } };
}

export interface InviteDescription {
  state: InviteState | "unknown";
  teamName?: string;
  role?: Role;
  /** The name of the owner who made the link, null when they were deleted. */
  invitedBy?: string | null;
  expiresAt?: Date;
}

/** What the invite page says before anyone signs in: nothing about any team for an unknown token. */
export async function describeInvite(db: TeamsDb, token: string, now = new Date()): Promise<InviteDescription> {
  const invite = await findInviteByToken(db, token);
  if (!invite || !isRole(invite.role)) return { state: "unknown" };
  return { state: inviteStateOf(invite, now), teamName: invite.team.name, role: invite.role, invitedBy: invite.createdBy?.name ?? null, expiresAt: invite.expiresAt };
}
