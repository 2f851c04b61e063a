import "server-only";
import { describeInvite as describeTeamInvite, type InviteDescription } from "@/server/teams/invites";
import type { TRPCContext } from "../../trpc";
import type { InviteTokenInput } from "./invite.schema";

/** For the invite page, before sign-in: "Join <team> as <role>", or why the link no longer works. */
export async function describeInvite({ ctx, input }: { ctx: TRPCContext; input: InviteTokenInput }): Promise<InviteDescription> {
  return describeTeamInvite(ctx.db, input.token);
}
