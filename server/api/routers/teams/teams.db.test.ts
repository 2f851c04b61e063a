import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { activeTeamFor } from "@/server/teams/memberships";
import { createTeamsTestKit, type TeamsTestKit } from "./teams-test-kit";

let kit: TeamsTestKit;

beforeAll(async () => {
  kit = await createTeamsTestKit();
});

afterAll(() => kit.testDb.cleanup());

const roleOf = async (member: Session) =>
  (await kit.testDb.db.membership.findUnique({ where: { userId_teamId: { userId: member.user.id, teamId: member.team.id } }, select: { role: true } }))?.role ?? null;

describe("teams.me, create and switch", () => {
  it("lists the caller's teams with the current one and its role", async () => {
    const owner = await kit.memberOf("owner", "Alpha");
    const other = await kit.memberOf("owner", "Beta");
    await kit.testDb.db.membership.create({ data: { userId: owner.user.id, teamId: other.team.id, role: "viewer" } });
    expect(await kit.callerFor(owner).teams.me()).toEqual({
      user: owner.user,
      team: owner.team,
      role: "owner",
      teams: [
        { ...owner.team, role: "owner" },
        { ...other.team, role: "viewer" },
      ],
    });
  });

  it("tells a person in no team that they have none, and refuses anyone not signed in", async () => {
    const person = await kit.personWithoutTeam();
    expect(await kit.callerForPerson(person).teams.me()).toEqual({ user: person.user, team: null, role: null, teams: [] });
    await expect(kit.callerFor(null).teams.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(kit.callerFor(null).teams.create({ name: "Nope" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(kit.callerFor(null).teams.members()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("creates a team with the caller as owner and switches the session to it", async () => {
    const person = await kit.personWithoutTeam();
    const created = await kit.callerForPerson(person).teams.create({ name: "  Data Platform  " });
    expect(created).toEqual({ id: expect.any(String), name: "Data Platform", role: "owner" });
    const team = await kit.testDb.db.team.findUniqueOrThrow({ where: { id: created.id }, select: { slug: true } });
    expect(team.slug).toMatch(/^data-platform-[0-9a-f]{8}$/);
    expect(await kit.activeTeamOf(person.sessionId)).toBe(created.id);
    expect(await kit.auditOf(created.id)).toEqual([{ action: "team.created", actorId: person.user.id, targetLabel: "Data Platform", detail: {} }]);
    await expect(kit.callerForPerson(person).teams.create({ name: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(kit.callerForPerson(person).teams.create({ name: "x".repeat(81) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await kit.testDb.db.membership.count({ where: { userId: person.user.id } })).toBe(1);
  });

  it("switches to a team the caller is in, and answers NOT_FOUND for any other", async () => {
    const owner = await kit.signIn(await kit.memberOf("owner", "Home"));
    const away = await kit.memberOf("owner", "Away");
    const elsewhere = await kit.memberOf("owner", "Elsewhere");
    await kit.testDb.db.membership.create({ data: { userId: owner.user.id, teamId: away.team.id, role: "editor" } });
    const caller = kit.callerFor(owner);
    expect(await caller.teams.switch({ teamId: away.team.id })).toEqual({ ...away.team, role: "editor" });
    expect(await kit.activeTeamOf(owner.sessionId)).toBe(away.team.id);
    await expect(caller.teams.switch({ teamId: elsewhere.team.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.teams.switch({ teamId: "no-such-team" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.activeTeamOf(owner.sessionId)).toBe(away.team.id);
  });
});

describe("activeTeamFor", () => {
  it("is the session's team while the user is in it, else their oldest team, else null", async () => {
    const first = await kit.memberOf("editor", "First");
    const second = await kit.memberOf("owner", "Second");
    const db = kit.testDb.db;
    await db.membership.create({ data: { userId: first.user.id, teamId: second.team.id, role: "viewer" } });
    expect(await activeTeamFor(db, { userId: first.user.id, activeTeamId: second.team.id })).toEqual({ team: second.team, role: "viewer" });
    expect(await activeTeamFor(db, { userId: first.user.id, activeTeamId: null })).toEqual({ team: first.team, role: "editor" });
    await db.membership.deleteMany({ where: { userId: first.user.id, teamId: second.team.id } });
    expect(await activeTeamFor(db, { userId: first.user.id, activeTeamId: second.team.id })).toEqual({ team: first.team, role: "editor" });
    const person = await kit.personWithoutTeam();
    expect(await activeTeamFor(db, { userId: person.user.id, activeTeamId: second.team.id })).toBeNull();
  });
});

describe("teams.members and roles", () => {
  it("shows every member to every member", async () => {
    const owner = await kit.memberOf("owner", "Readers");
    const viewer = await kit.joinTeamOf(owner, "viewer");
    const listed = await kit.callerFor(viewer).teams.members();
    expect(listed).toEqual([
      { userId: owner.user.id, name: owner.user.name, email: owner.user.email, role: "owner", joinedAt: expect.any(Date) },
      { userId: viewer.user.id, name: viewer.user.name, email: viewer.user.email, role: "viewer", joinedAt: expect.any(Date) },
    ]);
  });

  it("lets an owner change roles, recorded with from and to; a non-member is NOT_FOUND", async () => {
    const owner = await kit.memberOf("owner", "Roles");
    const viewer = await kit.joinTeamOf(owner, "viewer");
    const stranger = await kit.memberOf("viewer", "Other");
    const caller = kit.callerFor(owner);
    expect(await caller.teams.changeRole({ userId: viewer.user.id, role: "editor" })).toEqual({ userId: viewer.user.id, role: "editor" });
    expect(await roleOf(viewer)).toBe("editor");
    expect(await caller.teams.changeRole({ userId: viewer.user.id, role: "editor" })).toEqual({ userId: viewer.user.id, role: "editor" });
    expect((await kit.auditOf(owner.team.id)).filter((entry) => entry.action === "member.role_changed")).toEqual([
      { action: "member.role_changed", actorId: owner.user.id, targetLabel: viewer.user.email, detail: { from: "viewer", to: "editor" } },
    ]);
    await expect(caller.teams.changeRole({ userId: stranger.user.id, role: "owner" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await roleOf(stranger)).toBe("viewer");
    await expect(caller.teams.changeRole({ userId: viewer.user.id, role: "admin" as "owner" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("never leaves a team without an owner", async () => {
    const owner = await kit.memberOf("owner", "Owners");
    const editor = await kit.joinTeamOf(owner, "editor");
    const caller = kit.callerFor(owner);
    await expect(caller.teams.changeRole({ userId: owner.user.id, role: "editor" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `role not changed: ${owner.user.email} is the team's last owner: make another member owner first`,
    });
    await expect(caller.teams.removeMember({ userId: owner.user.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("last owner") });
    await expect(caller.teams.leave()).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("you are the team's last owner") });
    expect(await roleOf(owner)).toBe("owner");

    // With a second owner, the first may step down.
    await caller.teams.changeRole({ userId: editor.user.id, role: "owner" });
    expect(await caller.teams.changeRole({ userId: owner.user.id, role: "viewer" })).toMatchObject({ role: "viewer" });
    await expect(kit.callerFor({ ...editor, role: "owner" }).teams.changeRole({ userId: editor.user.id, role: "editor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("removes a member, whose session falls back to another team, and records it", async () => {
    const owner = await kit.memberOf("owner", "Removals");
    const member = await kit.signIn(await kit.joinTeamOf(owner, "editor"));
    await kit.testDb.db.session.update({ where: { id: member.sessionId }, data: { activeTeamId: owner.team.id } });
    const stranger = await kit.memberOf("editor", "Unrelated");
    const caller = kit.callerFor(owner);
    expect(await caller.teams.removeMember({ userId: member.user.id })).toEqual({ userId: member.user.id });
    expect(await roleOf(member)).toBeNull();
    expect(await kit.activeTeamOf(member.sessionId)).toBeNull();
    await expect(kit.callerFor(member).teams.members()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.teams.removeMember({ userId: member.user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.teams.removeMember({ userId: stranger.user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await roleOf(stranger)).toBe("editor");
    expect(await kit.auditOf(owner.team.id)).toContainEqual({ action: "member.removed", actorId: owner.user.id, targetLabel: member.user.email, detail: { role: "editor" } });
  });

  it("lets a member leave and says which team they act in next", async () => {
    const owner = await kit.memberOf("owner", "Leavers");
    const elsewhere = await kit.memberOf("viewer", "Next");
    const member = await kit.joinTeamOf(owner, "viewer");
    await kit.testDb.db.membership.create({ data: { userId: member.user.id, teamId: elsewhere.team.id, role: "editor" } });
    expect(await kit.callerFor(member).teams.leave()).toEqual({ next: { team: elsewhere.team, role: "editor" } });
    expect(await roleOf(member)).toBeNull();
    expect(await kit.auditOf(owner.team.id)).toContainEqual({ action: "member.removed", actorId: member.user.id, targetLabel: member.user.email, detail: { role: "viewer", left: true } });
    const loner = await kit.joinTeamOf(owner, "editor");
    expect(await kit.callerFor(loner).teams.leave()).toEqual({ next: null });
  });

  it("lets an owner rename the team, recorded once in the audit log", async () => {
    const owner = await kit.memberOf("owner", "Old name");
    expect(await kit.callerFor(owner).teams.rename({ name: " New name " })).toEqual({ id: owner.team.id, name: "New name" });
    await expect(kit.callerFor(owner).teams.rename({ name: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await kit.callerFor(owner).teams.rename({ name: "New name" });
    const renames = (await kit.auditOf(owner.team.id)).filter((entry) => entry.action === "team.renamed");
    expect(renames).toEqual([expect.objectContaining({ actorId: owner.user.id, targetLabel: "New name", detail: { from: "Old name" } })]);
  });

  it("refuses owner procedures to editors and viewers, changing nothing", async () => {
    const owner = await kit.memberOf("owner", "Guarded");
    for (const role of ["editor", "viewer"] as const) {
      const member = await kit.joinTeamOf(owner, role);
      const caller = kit.callerFor(member);
      await expect(caller.teams.changeRole({ userId: member.user.id, role: "owner" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.teams.removeMember({ userId: owner.user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.teams.rename({ name: "Mine now" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await roleOf(member)).toBe(role);
    }
    expect(await roleOf(owner)).toBe("owner");
    expect((await kit.testDb.db.team.findUniqueOrThrow({ where: { id: owner.team.id }, select: { name: true } })).name).toBe("Guarded");
  });

  it("re-reads the role: a session that still claims owner after a demotion is refused", async () => {
    const owner = await kit.memberOf("owner", "Stale");
    const demoted = await kit.joinTeamOf(owner, "owner");
    await kit.callerFor(owner).teams.changeRole({ userId: demoted.user.id, role: "viewer" });
    await expect(kit.callerFor(demoted).teams.rename({ name: "Stale claim" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await kit.callerFor(demoted).teams.me()).toMatchObject({ role: "viewer" });
  });
});
