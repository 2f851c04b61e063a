import { APIError } from "better-auth/api";
import { InviteLinkError, UnknownInviteError, describeInvite, inviteRefusalMessages, type TeamsDb } from "@/server/teams";
import { isFirstSignUp } from "./first-owner";

export const signUpRefusalMessages = {
  alreadyOwned: "This installation already has an owner — ask them for an invite link.",
  emailTaken: "An account with this email address already exists: sign in instead.",
} as const;

export interface SignUpClaim {
  /** Lowercased. */
  email: string;
  inviteToken: string | null;
}

/**
 * Why this sign-up may not happen, or null. Asked twice: before the password is hashed (so a
 * refusal costs no scrypt work) and again inside the sign-up's transaction, under its lock, where
 * the answer is final: a concurrent sign-up may have claimed the install or the invite meanwhile.
 */
export async function signUpRefusal(db: TeamsDb, { email, inviteToken }: SignUpClaim): Promise<APIError | null> {
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return new APIError("UNPROCESSABLE_ENTITY", { message: signUpRefusalMessages.emailTaken });
  if (inviteToken) {
    const invite = await describeInvite(db, inviteToken);
    return invite.state === "valid" ? null : new APIError("BAD_REQUEST", { message: inviteRefusalMessages[invite.state] });
  }
  return (await isFirstSignUp(db)) ? null : new APIError("FORBIDDEN", { message: signUpRefusalMessages.alreadyOwned });
}

/** An invite refused while it was being claimed (used, expired or revoked since it was checked), as sign-up's answer. */
export function asInviteRefusal(error: unknown): unknown {
  if (error instanceof InviteLinkError || error instanceof UnknownInviteError) return new APIError("BAD_REQUEST", { message: error.message });
  return error;
}
