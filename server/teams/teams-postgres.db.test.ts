import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/server/db/create-prisma-client";
import { createTeamWithMember } from "@/server/testing/members";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { acceptInvite, createInvite } from "./invites";
import { changeMemberRole } from "./members";

// SQLite runs one writer at a time; only PostgreSQL shows what concurrent transactions do.
const postgres = await createPostgresTestDatabase();
const db = postgres ? createPrismaClient({ provider: "postgres", url: postgres.url }) : null;

afterAll(async () => {
  await db?.$disconnect();
  await postgres?.drop();
});

describe.skipIf(!db)("teams on PostgreSQL, concurrently", () => {
  it("gives one invite link opened by five people at once to exactly one of them", async () => {
    const owner = await createTeamWithMember(db!, { teamName: "Race", role: "owner" });
    const { token, invite } = await createInvite(db!, { teamId: owner.team.id, role: "editor", createdById: owner.user.id });
    const people = await Promise.all(
      Array.from({ length: 5 }, (_, index) => db!.user.create({ data: { email: `racer-${index}-${invite.id}@example.test`, name: `Racer ${index}` }, select: { id: true } })),
    );
    const results = await Promise.allSettled(people.map((person) => acceptInvite(db!, { token, userId: person.id })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(String(result.reason)).toContain("This invite link has already been used");
    }
    expect(await db!.membership.count({ where: { teamId: owner.team.id, role: "editor" } })).toBe(1);
  });

  it("never lets two owners demoting each other at once leave the team without an owner", async () => {
    for (let round = 0; round < 5; round++) {
      const first = await createTeamWithMember(db!, { teamName: `Owners ${round}`, role: "owner" });
      const second = await db!.user.create({ data: { email: `second-${round}-${first.team.id}@example.test`, name: "Second" }, select: { id: true, name: true } });
      await db!.membership.create({ data: { userId: second.id, teamId: first.team.id, role: "owner" } });
      const results = await Promise.allSettled([
        changeMemberRole(db!, { teamId: first.team.id, userId: second.id, role: "viewer", actor: { id: first.user.id, name: first.user.name } }),
        changeMemberRole(db!, { teamId: first.team.id, userId: first.user.id, role: "viewer", actor: { id: second.id, name: second.name } }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await db!.membership.count({ where: { teamId: first.team.id, role: "owner" } })).toBe(1);
    }
  });
});
