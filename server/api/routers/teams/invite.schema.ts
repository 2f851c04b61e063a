import { z } from "zod";
import { roles } from "@/server/roles";
import { inviteExpiry } from "@/server/teams/invite-state";
import { inviteRefusalMessages } from "@/server/teams/invite-errors";

export const createInviteInputSchema = z.object({
  role: z.enum(roles),
  expiresInHours: z
    .number()
    .int("expiry is a whole number of hours")
    .min(inviteExpiry.minHours, `an invite lasts at least ${inviteExpiry.minHours} hour`)
    .max(inviteExpiry.maxHours, `an invite lasts at most ${inviteExpiry.maxHours} hours (30 days)`)
    .optional(),
});
export type CreateInviteInput = z.infer<typeof createInviteInputSchema>;

export const revokeInviteInputSchema = z.object({ inviteId: z.string().min(1).max(100) });
export type RevokeInviteInput = z.infer<typeof revokeInviteInputSchema>;

/** Any string that fits is looked up (or refused by shape) as "not valid", like an unknown token. */
const inviteTokenSchema = z.string().min(1, inviteRefusalMessages.unknown).max(200, inviteRefusalMessages.unknown);

export const inviteTokenInputSchema = z.object({ token: inviteTokenSchema });
export type InviteTokenInput = z.infer<typeof inviteTokenInputSchema>;
