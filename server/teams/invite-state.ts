import { ValidationError } from "@/engine/definition/issues";

/** Where an invite link stands, as its holder sees it. */
export type InviteState = "valid" | "expired" | "used" | "revoked";

export interface InviteLifecycle {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Used wins over revoked (revoking a used link is refused), revoked over expired. */
export function inviteStateOf(invite: InviteLifecycle, now = new Date()): InviteState {
  if (invite.usedAt) return "used";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

export const inviteExpiry = { defaultHours: 168, minHours: 1, maxHours: 720 } as const;

/** When a link made `now` to last `hours` (whole hours, 1 to 720; a week when left out) expires. */
export function inviteExpiresAt(hours: number = inviteExpiry.defaultHours, now = new Date()): Date {
  if (!Number.isInteger(hours) || hours < inviteExpiry.minHours || hours > inviteExpiry.maxHours)
    throw new ValidationError(
      [{ path: "expiresInHours", message: `an invite lasts ${inviteExpiry.minHours} to ${inviteExpiry.maxHours} whole hours (30 days)` }],
      "invite refused",
    );
  return new Date(now.getTime() + hours * 3_600_000);
}

/** Tokens are `newSecret()`s: 43 base64url characters. Anything else is answered "not valid" without a lookup. */
export function isInviteTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
