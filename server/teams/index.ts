export { acceptInvite, type AcceptedInvite } from "./accept-invite";
export { createTeam, type CreatedTeam } from "./create-team";
export { InviteLinkError, UnknownInviteError, inviteRefusalMessages } from "./invite-errors";
export { inviteExpiry, inviteStateOf, type InviteState } from "./invite-state";
export { createInvite, describeInvite, type CreatedInvite, type InviteDescription } from "./invites";
export { changeMemberRole, listMembers, removeMember, type TeamMember } from "./members";
export { activeTeamFor, setActiveTeam, teamsOf, type ActiveTeam, type TeamOfUser } from "./memberships";
export { teamNameSchema } from "./team-name";
export type { TeamsDb } from "./teams-db";
