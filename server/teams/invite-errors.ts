import { ValidationError } from "@/engine/definition/issues";
import { NotFoundError } from "@/server/api/errors";
import type { InviteState } from "./invite-state";

export const inviteRefusalMessages = {
  expired: "This invite link has expired — ask a team owner for a new one",
  used: "This invite link has already been used — ask a team owner for a new one",
  revoked: "This invite link was revoked — ask a team owner for a new one",
  unknown: "This invite link is not valid",
} as const;

/** An invite link that exists but can no longer be used (BAD_REQUEST); the message is the whole sentence. */
export class InviteLinkError extends ValidationError {
  constructor(readonly state: Exclude<InviteState, "valid">) {
    super([{ path: "", message: inviteRefusalMessages[state] }]);
    this.message = inviteRefusalMessages[state];
    this.name = "InviteLinkError";
  }
}

/** A token that matches no invite, or is not shaped like one (NOT_FOUND). */
export class UnknownInviteError extends NotFoundError {
  constructor() {
    super("invite");
    this.message = inviteRefusalMessages.unknown;
    this.name = "UnknownInviteError";
  }
}

export function inviteRefusal(state: Exclude<InviteState, "valid"> | "unknown"): Error {
  return state === "unknown" ? new UnknownInviteError() : new InviteLinkError(state);
}
