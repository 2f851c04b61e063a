import { afterAll, describe, expect, it } from "vitest";
import { getCaller } from "@/server/auth";
import { createPrismaClient, type Db } from "@/server/db/create-prisma-client";
import { seed } from "@/server/db/seed";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createInvite } from "@/server/teams";
import { postToAuth, sessionCookieOf } from "./auth-test-kit";
import { createAuth, signInLimits } from "./create-auth";

const database = await createPostgresTestDatabase();
const origin = "http://127.0.0.1:3998";
const password = "correct horse battery";

/** The same accounts path as on SQLite, through better-auth's Prisma adapter in its PostgreSQL mode. */
describe.skipIf(!database)("accounts on PostgreSQL", () => {
  const db: Db = createPrismaClient({ provider: "postgres", url: database?.url ?? "" });
  const auth = createAuth({ db, provider: "postgres", baseURL: origin, secret: "test-secret-0123456789-0123456789-abcdef", trustedProxyHops: 1 });
  afterAll(async () => {
    await db.$disconnect();
    await database?.drop();
  });

  const post = (path: string, body: unknown, address = "198.51.100.1") => postToAuth(auth, origin, path, body, { "x-forwarded-for": address });

  it("signs the first person up as owner of the first team, and they act in it", async () => {
    await seed(db, { examples: false });
    const response = await post("/sign-up/email", { name: "Ada", email: "ada@example.test", password });
    expect(response.status).toBe(200);
    const caller = await getCaller(auth, db, new Headers({ cookie: sessionCookieOf(response) }));
    expect(caller.session).toMatchObject({ user: { email: "ada@example.test" }, team: { name: "My team" }, role: "owner" });
  });

  it("lets an invite holder in with the invite's role, once", async () => {
    const ada = await db.user.findUniqueOrThrow({ where: { email: "ada@example.test" }, include: { memberships: true } });
    const { token } = await createInvite(db, { teamId: ada.memberships[0]!.teamId, role: "editor", createdById: ada.id, expiresInHours: 1 });
    expect((await post("/sign-up/email", { name: "Grace", email: "grace@example.test", password, inviteToken: token })).status).toBe(200);
    expect((await post("/sign-up/email", { name: "Eve", email: "eve@example.test", password, inviteToken: token })).status).toBe(400);
    const grace = await db.membership.findFirstOrThrow({ where: { user: { email: "grace@example.test" } } });
    expect(grace.role).toBe("editor");
  });

  it("signs in, signs out, and keeps the rate limit counters in the database", async () => {
    const cookie = sessionCookieOf(await post("/sign-in/email", { email: "ada@example.test", password }, "198.51.100.2"));
    expect((await auth.api.getSession({ headers: new Headers({ cookie }) }))?.user.email).toBe("ada@example.test");
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= signInLimits.perAddress.max; attempt++)
      statuses.push((await post("/sign-in/email", { email: "grace@example.test", password: "wrong password!" }, "198.51.100.3")).status);
    expect(statuses.at(-1)).toBe(429);
    expect(await db.rateLimit.count()).toBeGreaterThan(0);
    await postToAuth(auth, origin, "/sign-out", {}, { cookie });
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });
});
