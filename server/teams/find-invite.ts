import "server-only";
import { hashSecret } from "@/server/triggers/secrets";
import { isInviteTokenShaped } from "./invite-state";
import type { TeamsDb } from "./teams-db";

/** The invite a token opens, or null for an unknown or malformed one (looked up by hash, never by token). */
export async function findInviteByToken(db: TeamsDb, token: string) {
  if (!isInviteTokenShaped(token)) return null;
  return db.teamInvite.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true,
      teamId: true,
      role: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      team: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
}
