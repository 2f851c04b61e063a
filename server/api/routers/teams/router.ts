import "server-only";
import { createTRPCRouter, ownerProcedure, publicProcedure, signedInProcedure, teamProcedure } from "../../trpc";
import { acceptInvite } from "./accept-invite.handler";
import { changeRole } from "./change-role.handler";
import { createInvite } from "./create-invite.handler";
import { createTeam } from "./create.handler";
import { createTeamInputSchema } from "./create.schema";
import { describeInvite } from "./describe-invite.handler";
import { createInviteInputSchema, inviteTokenInputSchema, revokeInviteInputSchema } from "./invite.schema";
import { leave } from "./leave.handler";
import { listInvites } from "./list-invites.handler";
import { me } from "./me.handler";
import { changeRoleInputSchema, removeMemberInputSchema } from "./member.schema";
import { members } from "./members.handler";
import { removeMember } from "./remove-member.handler";
import { renameTeam } from "./rename.handler";
import { renameTeamInputSchema } from "./rename.schema";
import { revokeInvite } from "./revoke-invite.handler";
import { switchTeam } from "./switch.handler";
import { switchTeamInputSchema } from "./switch.schema";

/** Invite links: owners make, list and revoke them; anyone may read one; a signed-in person accepts one. */
const invitesRouter = createTRPCRouter({
  create: ownerProcedure.input(createInviteInputSchema).mutation(createInvite),
  list: ownerProcedure.query(listInvites),
  revoke: ownerProcedure.input(revokeInviteInputSchema).mutation(revokeInvite),
  describe: publicProcedure.input(inviteTokenInputSchema).query(describeInvite),
  accept: signedInProcedure.input(inviteTokenInputSchema).mutation(acceptInvite),
});

/** The caller's teams (switch, create) and their current team's members and settings. */
export const teamsRouter = createTRPCRouter({
  me: signedInProcedure.query(me),
  create: signedInProcedure.input(createTeamInputSchema).mutation(createTeam),
  switch: signedInProcedure.input(switchTeamInputSchema).mutation(switchTeam),
  members: teamProcedure.query(members),
  changeRole: ownerProcedure.input(changeRoleInputSchema).mutation(changeRole),
  removeMember: ownerProcedure.input(removeMemberInputSchema).mutation(removeMember),
  leave: teamProcedure.mutation(leave),
  rename: ownerProcedure.input(renameTeamInputSchema).mutation(renameTeam),
  invites: invitesRouter,
});
