import { APIError } from "better-auth/api";
import type { Db } from "@/server/db/create-prisma-client";
import { acceptInvite, describeInvite, inviteRefusalMessages } from "@/server/teams";

/** Refuses the sign-up (before any account is made) unless the invite can still be used. */
export async function requireUsableInvite(db: Db, token: string): Promise<void> {
  const invite = await describeInvite(db, token);
  if (invite.state !== "valid") throw new APIError("BAD_REQUEST", { message: inviteRefusalMessages[invite.state] });
}

/** Joins the new account to the invite's team (single use: a concurrent use leaves it teamless, with a clear page). */
export async function joinByInvite(db: Db, { token, userId }: { token: string; userId: string }): Promise<void> {
  await acceptInvite(db, { token, userId });
}
