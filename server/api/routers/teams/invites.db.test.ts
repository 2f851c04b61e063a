import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { hashSecret } from "@/server/triggers/secrets";
import { acceptInvite, createInvite } from "@/server/teams/invites";
import type { TeamsDb } from "@/server/teams/teams-db";
import { createTeamsTestKit, type TeamsTestKit } from "./teams-test-kit";

let kit: TeamsTestKit;
let owner: Session;
let editor: Session;
let viewer: Session;
let stranger: Session;

beforeAll(async () => {
  kit = await createTeamsTestKit();
  owner = await kit.memberOf("owner", "Acme");
  editor = await kit.joinTeamOf(owner, "editor");
  viewer = await kit.joinTeamOf(owner, "viewer");
  stranger = await kit.memberOf("owner", "Strangers");
});

afterAll(() => kit.testDb.cleanup());

const tokenOf = (path: string) => path.replace(/^\/invite\//, "");
const membershipsOf = (userId: string) => kit.testDb.db.membership.findMany({ where: { userId }, select: { teamId: true, role: true } });
const inviteRow = (id: string) => kit.testDb.db.teamInvite.findUniqueOrThrow({ where: { id }, select: { usedAt: true, usedById: true, revokedAt: true, expiresAt: true } });

describe("teams.invites: the happy path", () => {
  it("shows the link once, stores only its hash, describes it before sign-in, and joins the person who accepts it", async () => {
    const before = Date.now();
    const link = await kit.callerFor(owner).teams.invites.create({ role: "editor" });
    expect(link.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(link.path);
    // A week by default.
    expect(link.expiresAt.getTime() - before).toBeGreaterThanOrEqual(168 * 3_600_000 - 1000);
    expect(link.expiresAt.getTime() - before).toBeLessThanOrEqual(168 * 3_600_000 + 5000);
    const stored = await kit.testDb.db.teamInvite.findUniqueOrThrow({ where: { id: link.id }, select: { tokenHash: true, role: true } });
    expect(stored).toEqual({ tokenHash: hashSecret(token), role: "editor" });

    const listed = await kit.callerFor(owner).teams.invites.list();
    expect(listed.find((invite) => invite.id === link.id)).toMatchObject({ role: "editor", status: "pending", createdBy: { id: owner.user.id }, usedBy: null });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(stored.tokenHash);

    expect(await kit.callerFor(null).teams.invites.describe({ token })).toEqual({
      state: "valid",
      teamName: "Acme",
      role: "editor",
      invitedBy: owner.user.name,
      expiresAt: link.expiresAt,
    });

    const newcomer = await kit.personWithoutTeam();
    expect(await kit.callerForPerson(newcomer).teams.invites.accept({ token })).toEqual({ teamId: owner.team.id, teamName: "Acme", role: "editor" });
    expect(await membershipsOf(newcomer.user.id)).toEqual([{ teamId: owner.team.id, role: "editor" }]);
    expect(await kit.activeTeamOf(newcomer.sessionId)).toBe(owner.team.id);
    expect(await inviteRow(link.id)).toMatchObject({ usedById: newcomer.user.id, usedAt: expect.any(Date), revokedAt: null });
    expect((await kit.callerFor(owner).teams.invites.list()).find((invite) => invite.id === link.id)).toMatchObject({
      status: "used",
      usedBy: { id: newcomer.user.id, email: newcomer.user.email },
    });

    const audit = await kit.auditOf(owner.team.id);
    expect(audit).toContainEqual({ action: "member.invited", actorId: owner.user.id, targetLabel: "editor invite", detail: { role: "editor", expiresAt: link.expiresAt.toISOString() } });
    expect(audit).toContainEqual({ action: "member.joined", actorId: newcomer.user.id, targetLabel: newcomer.user.email, detail: { role: "editor", via: "invite" } });
  });

  it("lasts the chosen number of hours, 1 to 720", async () => {
    const caller = kit.callerFor(owner);
    const before = Date.now();
    const hour = await caller.teams.invites.create({ role: "viewer", expiresInHours: 1 });
    expect(hour.expiresAt.getTime() - before).toBeLessThanOrEqual(3_600_000 + 5000);
    for (const expiresInHours of [0, 721, 2.5]) {
      await expect(caller.teams.invites.create({ role: "viewer", expiresInHours })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});

describe("teams.invites: links that cannot be used change nothing", () => {
  it("is single use: a second person is refused and the first keeps the link", async () => {
    const token = tokenOf((await kit.callerFor(owner).teams.invites.create({ role: "viewer" })).path);
    const first = await kit.personWithoutTeam();
    const second = await kit.personWithoutTeam();
    await kit.callerForPerson(first).teams.invites.accept({ token });
    await expect(kit.callerForPerson(second).teams.invites.accept({ token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite link has already been used — ask a team owner for a new one",
    });
    expect(await membershipsOf(second.user.id)).toEqual([]);
    expect(await kit.activeTeamOf(second.sessionId)).toBeNull();
    expect((await kit.callerFor(null).teams.invites.describe({ token })).state).toBe("used");
  });

  it("refuses an expired link", async () => {
    const link = await kit.callerFor(owner).teams.invites.create({ role: "editor" });
    await kit.testDb.db.teamInvite.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const token = tokenOf(link.path);
    expect(await kit.callerFor(null).teams.invites.describe({ token })).toMatchObject({ state: "expired", teamName: "Acme" });
    const person = await kit.personWithoutTeam();
    await expect(kit.callerForPerson(person).teams.invites.accept({ token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite link has expired — ask a team owner for a new one",
    });
    expect(await membershipsOf(person.user.id)).toEqual([]);
    expect(await inviteRow(link.id)).toMatchObject({ usedAt: null, usedById: null });
    expect((await kit.callerFor(owner).teams.invites.list()).find((invite) => invite.id === link.id)?.status).toBe("expired");
  });

  it("refuses a revoked link; revoking again keeps the first time; a used link cannot be revoked", async () => {
    const caller = kit.callerFor(owner);
    const link = await caller.teams.invites.create({ role: "editor" });
    const revoked = await caller.teams.invites.revoke({ inviteId: link.id });
    expect(await caller.teams.invites.revoke({ inviteId: link.id })).toEqual(revoked);
    const person = await kit.personWithoutTeam();
    await expect(kit.callerForPerson(person).teams.invites.accept({ token: tokenOf(link.path) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite link was revoked — ask a team owner for a new one",
    });
    expect(await membershipsOf(person.user.id)).toEqual([]);
    expect((await caller.teams.invites.list()).find((invite) => invite.id === link.id)).toMatchObject({ status: "revoked", revokedAt: revoked.revokedAt });
    expect((await kit.auditOf(owner.team.id)).filter((entry) => entry.action === "invite.revoked")).toHaveLength(1);

    const used = await caller.teams.invites.create({ role: "viewer" });
    await kit.callerForPerson(await kit.personWithoutTeam()).teams.invites.accept({ token: tokenOf(used.path) });
    await expect(caller.teams.invites.revoke({ inviteId: used.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("already used") });
    expect(await inviteRow(used.id)).toMatchObject({ revokedAt: null });
  });

  it("answers an unknown or malformed token with 'not valid' and no team data", async () => {
    const person = await kit.personWithoutTeam();
    const caller = kit.callerForPerson(person);
    for (const token of ["A".repeat(43), "not-a-token", "../../etc/passwd", "x"]) {
      expect(await kit.callerFor(null).teams.invites.describe({ token })).toEqual({ state: "unknown" });
      await expect(caller.teams.invites.accept({ token })).rejects.toMatchObject({ code: "NOT_FOUND", message: "This invite link is not valid" });
    }
    for (const token of ["", "A".repeat(201)]) {
      await expect(caller.teams.invites.accept({ token })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        cause: { issues: [expect.objectContaining({ path: ["token"], message: "This invite link is not valid" })] },
      });
    }
    expect(await membershipsOf(person.user.id)).toEqual([]);
  });

  it("gives one link opened by two people at once to exactly one of them", async () => {
    const link = await kit.callerFor(owner).teams.invites.create({ role: "editor" });
    const people = [await kit.personWithoutTeam(), await kit.personWithoutTeam()];
    const results = await Promise.allSettled(people.map((person) => kit.callerForPerson(person).teams.invites.accept({ token: tokenOf(link.path) })));
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const joined = await kit.testDb.db.membership.count({ where: { userId: { in: people.map((person) => person.user.id) } } });
    expect(joined).toBe(1);
    const winner = people[results.findIndex((result) => result.status === "fulfilled")]!;
    expect(await inviteRow(link.id)).toMatchObject({ usedById: winner.user.id });
  });
});

describe("teams.invites: people already in the team", () => {
  it("keeps a higher role and leaves the link unused; a lower role is raised and uses the link", async () => {
    const caller = kit.callerFor(owner);
    const viewerLink = await caller.teams.invites.create({ role: "viewer" });
    expect(await kit.callerFor(editor).teams.invites.accept({ token: tokenOf(viewerLink.path) })).toMatchObject({ role: "editor" });
    expect(await inviteRow(viewerLink.id)).toMatchObject({ usedAt: null });

    const raised = await kit.joinTeamOf(owner, "viewer");
    const editorLink = await caller.teams.invites.create({ role: "editor" });
    expect(await kit.callerFor(raised).teams.invites.accept({ token: tokenOf(editorLink.path) })).toMatchObject({ role: "editor" });
    expect(await membershipsOf(raised.user.id)).toEqual([{ teamId: owner.team.id, role: "editor" }]);
    expect(await inviteRow(editorLink.id)).toMatchObject({ usedById: raised.user.id });
    expect(await kit.auditOf(owner.team.id)).toContainEqual({
      action: "member.role_changed",
      actorId: raised.user.id,
      targetLabel: raised.user.email,
      detail: { from: "viewer", to: "editor", via: "invite" },
    });
  });
});

describe("teams.invites: access", () => {
  it("lets only owners make, list and revoke links, and only for their own team", async () => {
    const link = await kit.callerFor(owner).teams.invites.create({ role: "viewer" });
    for (const member of [editor, viewer]) {
      const caller = kit.callerFor(member);
      await expect(caller.teams.invites.create({ role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.teams.invites.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.teams.invites.revoke({ inviteId: link.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(kit.callerFor(stranger).teams.invites.revoke({ inviteId: link.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await inviteRow(link.id)).toMatchObject({ revokedAt: null });
    expect((await kit.callerFor(stranger).teams.invites.list()).map((invite) => invite.id)).not.toContain(link.id);
  });

  it("needs a signed-in person to accept, but none to describe", async () => {
    const token = tokenOf((await kit.callerFor(owner).teams.invites.create({ role: "viewer" })).path);
    await expect(kit.callerFor(null).teams.invites.accept({ token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(kit.callerFor(null).teams.invites.create({ role: "viewer" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await kit.callerFor(null).teams.invites.describe({ token })).state).toBe("valid");
  });
});

describe("acceptInvite inside the caller's transaction (sign-up)", () => {
  it("joins within it, and leaves the link unused when that transaction rolls back", async () => {
    const db = kit.testDb.db;
    const { token, invite } = await createInvite(db, { teamId: owner.team.id, role: "editor", createdById: owner.user.id });
    const person = await kit.personWithoutTeam();
    await expect(
      db.$transaction(async (tx) => {
        await acceptInvite(tx, { token, userId: person.user.id });
        throw new Error("the account could not be created");
      }),
    ).rejects.toThrow("the account could not be created");
    expect(await membershipsOf(person.user.id)).toEqual([]);
    expect(await inviteRow(invite.id)).toMatchObject({ usedAt: null });

    await db.$transaction((tx) => acceptInvite(tx, { token, userId: person.user.id }));
    expect(await membershipsOf(person.user.id)).toEqual([{ teamId: owner.team.id, role: "editor" }]);
  });

  it("refuses, changing nothing, when someone else claims the link between its check and its compare-and-set", async () => {
    const db = kit.testDb.db;
    const { token, invite } = await createInvite(db, { teamId: owner.team.id, role: "editor", createdById: owner.user.id });
    const [late, early] = [await kit.personWithoutTeam(), await kit.personWithoutTeam()];
    await expect(
      db.$transaction((tx) => acceptInvite(claimedJustBeforeTheWrite(tx as TeamsDb, invite.id, early.user.id), { token, userId: late.user.id })),
    ).rejects.toMatchObject({ message: "This invite link has already been used — ask a team owner for a new one" });
    expect(await membershipsOf(late.user.id)).toEqual([]);
  });
});

/** `tx`, where another person's accept lands right before the claiming UPDATE (as a concurrent transaction would). */
function claimedJustBeforeTheWrite(tx: TeamsDb, inviteId: string, otherUserId: string): TeamsDb {
  const invites = new Proxy(tx.teamInvite, {
    get(target, property, receiver) {
      if (property !== "updateMany") return Reflect.get(target, property, receiver);
      return async (args: Parameters<TeamsDb["teamInvite"]["updateMany"]>[0]) => {
        await tx.teamInvite.update({ where: { id: inviteId }, data: { usedAt: new Date(), usedById: otherUserId } });
        return tx.teamInvite.updateMany(args);
      };
    },
  });
  return new Proxy(tx, { get: (target, property, receiver) => (property === "teamInvite" ? invites : Reflect.get(target, property, receiver)) });
}
