import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type Db, type DbProvider } from "@/server/db/create-prisma-client";
import { defaultTeam } from "@/server/db/default-owner";
import { seed } from "@/server/db/seed";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createSqliteTestDb } from "@/server/testing/sqlite-test-db";
import { createInvite } from "@/server/teams";
import { sessionCookieOf } from "./auth-test-kit";
import { createAuth, type OrkaAuth } from "./create-auth";

const origin = "http://127.0.0.1:3995";
const password = "correct horse battery";

// Through the route Next serves /api/auth/* with, on this file's databases.
const injected = vi.hoisted(() => ({ auth: undefined as OrkaAuth | undefined }));
vi.mock("@/server/accounts/app-auth", () => ({ getAppAuth: () => injected.auth }));
const authRoute = await import("@/app/api/auth/[...all]/route");

const sqlite = await createSqliteTestDb();
const postgres = await createPostgresTestDatabase();
const postgresDb = postgres ? createPrismaClient({ provider: "postgres", url: postgres.url }) : null;

afterAll(async () => {
  await sqlite.cleanup();
  await postgresDb?.$disconnect();
  await postgres?.drop();
});

const databases: [string, DbProvider, Db | null][] = [
  ["SQLite", "sqlite", sqlite.db],
  ["PostgreSQL", "postgres", postgresDb],
];

let sender = 0;
/** Each sign-up from its own client address (behind a trusted proxy), so the per-address limit stays out of the way. */
function signUp(person: string, extra: Record<string, unknown> = {}) {
  const request = new Request(`${origin}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, "x-forwarded-for": `198.51.100.${(++sender % 250) + 1}` },
    body: JSON.stringify({ name: person, email: `${person}@example.test`, password, ...extra }),
  });
  return authRoute.POST(request);
}

async function rowCounts(db: Db) {
  const [users, accounts, sessions, memberships, usedInvites] = await Promise.all([
    db.user.count(),
    db.account.count(),
    db.session.count(),
    db.membership.count(),
    db.teamInvite.count({ where: { usedAt: { not: null } } }),
  ]);
  return { users, accounts, sessions, memberships, usedInvites };
}

describe.each(databases)("sign-up races on %s", (_name, provider, db) => {
  beforeAll(async () => {
    if (!db) return;
    await seed(db, { examples: false });
    injected.auth = createAuth({ db, provider, baseURL: origin, secret: "test-secret-0123456789-0123456789-abcdef", trustedProxyHops: 1 });
  });

  it.skipIf(!db)("10 first sign-ups at once make exactly one owner; the others are refused and leave nothing", async () => {
    const people = Array.from({ length: 10 }, (_, index) => `first-${index}`);
    const responses = await Promise.all(people.map((person) => signUp(person)));
    const winners = responses.flatMap((response, index) => (response.status === 200 ? [people[index]!] : []));
    expect(winners).toHaveLength(1);
    for (const response of responses.filter((candidate) => candidate.status !== 200)) {
      expect(response.status).toBe(403);
      expect(((await response.json()) as { message: string }).message).toBe("This installation already has an owner — ask them for an invite link.");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await rowCounts(db!)).toEqual({ users: 1, accounts: 1, sessions: 1, memberships: 1, usedInvites: 0 });
    const owner = await db!.membership.findFirstOrThrow({ select: { role: true, team: { select: { slug: true } }, user: { select: { email: true } } } });
    expect(owner).toEqual({ role: "owner", team: { slug: defaultTeam.slug }, user: { email: `${winners[0]}@example.test` } });
    const winnerCookie = sessionCookieOf(responses.find((response) => response.status === 200)!);
    expect((await injected.auth!.api.getSession({ headers: new Headers({ cookie: winnerCookie }) }))?.user.email).toBe(`${winners[0]}@example.test`);
  });

  it.skipIf(!db)("10 sign-ups at once with one single-use invite let exactly one in; the others are told it was used and leave nothing", async () => {
    const team = await db!.team.findUniqueOrThrow({ where: { slug: defaultTeam.slug } });
    const owner = await db!.membership.findFirstOrThrow({ where: { teamId: team.id, role: "owner" } });
    const { token } = await createInvite(db!, { teamId: team.id, role: "editor", createdById: owner.userId, expiresInHours: 1 });
    const before = await rowCounts(db!);
    const people = Array.from({ length: 10 }, (_, index) => `invited-${index}`);
    const responses = await Promise.all(people.map((person) => signUp(person, { inviteToken: token })));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    for (const response of responses.filter((candidate) => candidate.status !== 200)) {
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe("This invite link has already been used — ask a team owner for a new one");
    }
    expect(await rowCounts(db!)).toEqual({ users: before.users + 1, accounts: before.accounts + 1, sessions: before.sessions + 1, memberships: before.memberships + 1, usedInvites: 1 });
    const joined = await db!.teamInvite.findFirstOrThrow({ where: { usedAt: { not: null } }, select: { usedBy: { select: { email: true, memberships: { select: { teamId: true, role: true } } } } } });
    expect(joined.usedBy?.memberships).toEqual([{ teamId: team.id, role: "editor" }]);
    expect(await db!.auditEvent.count({ where: { action: "member.joined", detail: { contains: "invite" } } })).toBe(1);
  });

  it.skipIf(!db)("5 sign-ups at once with one email, each with its own invite: one account, and the refused ones leave their invites unused", async () => {
    const team = await db!.team.findUniqueOrThrow({ where: { slug: defaultTeam.slug } });
    const invites = await Promise.all(Array.from({ length: 5 }, () => createInvite(db!, { teamId: team.id, role: "viewer", createdById: null, expiresInHours: 1 })));
    const before = await rowCounts(db!);
    const responses = await Promise.all(invites.map(({ token }) => signUp("twin", { inviteToken: token })));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 422, 422, 422, 422]);
    expect(await rowCounts(db!)).toEqual({ users: before.users + 1, accounts: before.accounts + 1, sessions: before.sessions + 1, memberships: before.memberships + 1, usedInvites: before.usedInvites + 1 });
  });
});
