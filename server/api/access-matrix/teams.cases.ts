import { expect } from "vitest";
import { newSecret } from "@/server/triggers/secrets";
import { accessCase, type Actor } from "./access-case";

const roleIn = (actor: Actor) => (actor === "viewer" || actor === "editor" || actor === "owner" ? actor : null);

// Owners manage members, roles, links and the name; any member reads the members and may leave.
// Another team's owner addresses team A's members and links by id and finds nothing; what acts
// on the caller's own team or account works there and names nothing of team A.
export const teamsCases = [
  accessCase({
    path: "teams.me",
    allowed: "signed-in",
    outsider: "own-team",
    input: () => undefined,
    allowedAnswer: (answer, _input, { actor, world }) => expect(answer).toMatchObject({ team: { id: world.teamId }, role: roleIn(actor) }),
    ownTeamAnswer: (answer, _input, { actor }) =>
      expect(answer).toMatchObject(actor === "teamless" ? { team: null, role: null, teams: [] } : { team: expect.anything(), role: "owner" }),
  }),
  accessCase({ path: "teams.create", allowed: "signed-in", outsider: "own-team", standIn: true, input: (world) => ({ name: world.uniqueName("Team") }) }),
  accessCase({
    path: "teams.switch",
    allowed: "signed-in",
    outsider: "NOT_FOUND",
    input: (world) => ({ teamId: world.teamId }),
    allowedAnswer: (answer, _input, { actor, world }) => expect(answer).toMatchObject({ id: world.teamId, role: roleIn(actor) }),
  }),
  accessCase({ path: "teams.members", allowed: "viewer", outsider: "own-team", input: () => undefined }),
  accessCase({ path: "teams.changeRole", allowed: "owner", outsider: "NOT_FOUND", input: async (world) => ({ userId: await world.fresh.member("editor"), role: "viewer" }) }),
  accessCase({ path: "teams.removeMember", allowed: "owner", outsider: "NOT_FOUND", input: async (world) => ({ userId: await world.fresh.member("viewer") }) }),
  // Each call leaves through a stand-in, an owner beside team A's (or team B's) own: the world's
  // members stay, and no one leaving is a team's last owner.
  accessCase({ path: "teams.leave", allowed: "viewer", outsider: "own-team", standIn: true, input: () => undefined }),
  accessCase({ path: "teams.rename", allowed: "owner", outsider: "own-team", input: (world) => ({ name: world.uniqueName("Team") }) }),
  accessCase({ path: "teams.invites.create", allowed: "owner", outsider: "own-team", input: () => ({ role: "editor" }) }),
  accessCase({ path: "teams.invites.list", allowed: "owner", outsider: "own-team", input: () => undefined }),
  accessCase({ path: "teams.invites.revoke", allowed: "owner", outsider: "NOT_FOUND", input: async (world) => ({ inviteId: (await world.fresh.invite()).inviteId }) }),
  // The invite page describes a link before anyone signs in: the token is the permission.
  accessCase({
    path: "teams.invites.describe",
    label: "a link of team A",
    allowed: "anyone",
    outsider: "allowed",
    input: (world) => ({ token: world.invite.token }),
    allowedAnswer: (answer) => expect(answer).toEqual({ state: "valid", teamName: expect.any(String), role: "viewer", invitedBy: expect.any(String), expiresAt: expect.any(Date) }),
  }),
  accessCase({
    path: "teams.invites.describe",
    label: "an unknown token",
    allowed: "anyone",
    outsider: "allowed",
    input: () => ({ token: newSecret() }),
    allowedAnswer: (answer) => expect(answer, "an unknown token must reveal nothing about any team").toEqual({ state: "unknown" }),
  }),
  // Anyone signed in may join through a valid link, another team's owner too. A member keeps a
  // role at least the link's; each call is a stand-in's, so the world's actors join nothing.
  accessCase({
    path: "teams.invites.accept",
    label: "a valid viewer link of team A",
    allowed: "signed-in",
    outsider: "allowed",
    standIn: true,
    input: async (world) => ({ token: (await world.fresh.invite("viewer")).token }),
    allowedAnswer: (answer, _input, { actor, world }) => expect(answer).toMatchObject({ teamId: world.teamId, role: roleIn(actor) ?? "viewer" }),
  }),
];
