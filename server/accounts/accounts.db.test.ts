import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seed } from "@/server/db/seed";
import { defaultOwner, defaultTeam } from "@/server/db/default-owner";
import { createSqliteTestDb, type SqliteTestDb } from "@/server/testing/sqlite-test-db";
import { createInvite } from "@/server/teams";
import { postToAuth, sessionCookieOf } from "./auth-test-kit";
import { createAuth, signInLimits, type OrkaAuth } from "./create-auth";

const origin = "http://127.0.0.1:3999";
const password = "correct horse battery";

// The tRPC route module as Next loads it, on the test database and auth.
const injected = vi.hoisted(() => ({ auth: undefined as OrkaAuth | undefined, db: undefined as unknown }));
vi.mock("@/server/accounts/app-auth", () => ({ getAppAuth: () => injected.auth, trustedOrigins: () => ["http://127.0.0.1:3999"] }));
vi.mock("@/server/db/prisma", () => ({ getAppDatabase: () => ({ db: injected.db, provider: "sqlite" }) }));
const trpcRoute = await import("@/app/api/trpc/[trpc]/route");

let testDb: SqliteTestDb;
let auth: OrkaAuth;

beforeAll(async () => {
  testDb = await createSqliteTestDb();
  injected.db = testDb.db;
  // An install from before sign-in existed: the placeholder owner authored the examples.
  const placeholder = await testDb.db.user.create({ data: { ...defaultOwner } });
  const { teamId } = await seed(testDb.db);
  await testDb.db.membership.create({ data: { userId: placeholder.id, teamId, role: "owner" } });
  await testDb.db.workflowVersion.updateMany({ data: { authorId: placeholder.id } });
  // As behind one reverse proxy (ORKA_TRUST_PROXY=1): X-Forwarded-For names the client address.
  auth = createAuth({ db: testDb.db, provider: "sqlite", baseURL: origin, secret: "test-secret-0123456789-0123456789-abcdef", trustedProxyHops: 1 });
  injected.auth = auth;
});

afterAll(() => testDb.cleanup());

let address = 0;
/** Each call comes from its own client address unless one is given, so the per-address limit stays out of the way. */
function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return postToAuth(auth, origin, path, body, { "x-forwarded-for": `10.0.0.${++address % 250}`, ...headers });
}

async function signUp(email: string, extra: Record<string, unknown> = {}) {
  return post("/sign-up/email", { name: email.split("@")[0], email, password, ...extra });
}

async function me(cookie: string) {
  return auth.api.getSession({ headers: new Headers({ cookie }) });
}

function trpcMutation(path: string, input: unknown, headers: Record<string, string>) {
  return trpcRoute.POST(
    new Request(`${origin}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ json: input }),
    }),
  );
}

describe("accounts", () => {
  let ownerCookie = "";

  it("makes the first person to sign up owner of the first team, taking over the placeholder owner", async () => {
    const response = await signUp("ada@example.test");
    expect(response.status).toBe(200);
    ownerCookie = sessionCookieOf(response);
    const ada = await testDb.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" }, include: { memberships: { include: { team: true } } } });
    expect(ada.memberships.map((m) => [m.team.slug, m.role])).toEqual([[defaultTeam.slug, "owner"]]);
    expect(await testDb.db.user.findUnique({ where: { email: defaultOwner.email } })).toBeNull();
    expect(await testDb.db.workflowVersion.count({ where: { authorId: ada.id } })).toBeGreaterThan(0);
    expect(await testDb.db.auditEvent.count({ where: { action: "member.joined", actorId: ada.id } })).toBe(1);
  });

  it("stores a strong hash, never the password", async () => {
    const account = await testDb.db.account.findFirstOrThrow({ where: { user: { email: "ada@example.test" } } });
    expect(account.providerId).toBe("credential");
    expect(account.password).not.toContain(password);
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/); // scrypt salt:key
  });

  it("sets an httpOnly, SameSite=Lax session cookie for the whole site; Secure once the URL is https", async () => {
    const response = await post("/sign-in/email", { email: "ada@example.test", password });
    const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token="))!;
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/i); // http://127.0.0.1: a Secure cookie would not be sent back on a LAN name

    const secureAuth = createAuth({ db: testDb.db, provider: "sqlite", baseURL: "https://orka.example.test", secret: "test-secret-0123456789-0123456789-abcdef", rateLimit: false });
    const secure = await postToAuth(secureAuth, "https://orka.example.test", "/sign-in/email", { email: "ada@example.test", password });
    const secureCookie = secure.headers.getSetCookie().find((c) => c.includes("session_token="))!;
    expect(secureCookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(secureCookie).toMatch(/; Secure/i);
    expect(secureCookie).toMatch(/; HttpOnly/i);
  });

  it("closes sign-up after the first person: no invite or a bad one creates nobody", async () => {
    const users = await testDb.db.user.count();
    const noInvite = await signUp("mallory@example.test");
    expect(noInvite.status).toBe(403);
    expect(((await noInvite.json()) as { message: string }).message).toMatch(/invite link/);
    const badInvite = await signUp("mallory@example.test", { inviteToken: "not-a-real-token" });
    expect(badInvite.status).toBe(400);
    expect(((await badInvite.json()) as { message: string }).message).toMatch(/not valid/);
    expect(await testDb.db.user.count()).toBe(users);
  });

  it("lets an invite link's holder sign up into that team with the invite's role, once", async () => {
    const team = await testDb.db.team.findUniqueOrThrow({ where: { slug: defaultTeam.slug } });
    const ada = await testDb.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    const { token } = await createInvite(testDb.db, { teamId: team.id, role: "viewer", createdById: ada.id, expiresInHours: 1 });
    const response = await signUp("grace@example.test", { inviteToken: token });
    expect(response.status).toBe(200);
    const grace = await testDb.db.user.findUniqueOrThrow({ where: { email: "grace@example.test" }, include: { memberships: true } });
    expect(grace.memberships.map((m) => [m.teamId, m.role])).toEqual([[team.id, "viewer"]]);

    const again = await signUp("eve@example.test", { inviteToken: token });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { message: string }).message).toMatch(/already been used/);
    expect(await testDb.db.user.findUnique({ where: { email: "eve@example.test" } })).toBeNull();
  });

  it("signs out: the session is gone", async () => {
    const cookie = sessionCookieOf(await post("/sign-in/email", { email: "ada@example.test", password }));
    expect((await me(cookie))?.user.email).toBe("ada@example.test");
    expect((await post("/sign-out", {}, { cookie })).status).toBe(200);
    expect(await me(cookie)).toBeNull();
  });

  it("refuses state changes on /api/auth from another origin (CSRF)", async () => {
    const cookie = sessionCookieOf(await post("/sign-in/email", { email: "ada@example.test", password }));
    const forged = await post("/sign-out", {}, { cookie, origin: "http://127.0.0.1:4000" });
    expect(forged.status).toBe(403);
    expect((await me(cookie))?.user.email).toBe("ada@example.test");
  });

  it("refuses tRPC mutations from another origin or with no origin; our own pages pass", async () => {
    const workflows = () => testDb.db.workflow.count();
    const before = await workflows();
    const refused: Record<string, string>[] = [{ origin: "http://127.0.0.1:4000" }, { origin: "null" }, {}, { "sec-fetch-site": "same-site" }];
    for (const headers of refused) {
      const response = await trpcMutation("workflows.create", { name: "forged_here" }, { cookie: ownerCookie, ...headers });
      expect(response.status).toBe(403);
      expect(JSON.stringify(await response.json())).toContain("cross-site request refused");
    }
    expect(await workflows()).toBe(before);
    const own = await trpcMutation("workflows.create", { name: "made_here" }, { cookie: ownerCookie, origin });
    expect(own.status, JSON.stringify(await own.clone().json())).toBe(200);
    expect(await workflows()).toBe(before + 1);
  });

  it("answers UNAUTHORIZED to tRPC calls without a valid session", async () => {
    const response = await trpcMutation("workflows.create", { name: "anonymous_here" }, { origin, cookie: "better-auth.session_token=forged.value" });
    expect(response.status).toBe(401);
  });

  it("limits sign-in attempts per client address", async () => {
    const fixedAddress = { "x-forwarded-for": "192.0.2.7" };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < signInLimits.perAddress.max + 2; attempt++)
      statuses.push((await post("/sign-in/email", { email: "grace@example.test", password: "wrong password!" }, fixedAddress)).status);
    expect(statuses.slice(0, signInLimits.perAddress.max)).toEqual(Array(signInLimits.perAddress.max).fill(401));
    expect(statuses.slice(signInLimits.perAddress.max)).toEqual([429, 429]);
  });

  it("never locks an account from other addresses: ten wrong passwords from changing ones, and the owner still signs in", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < signInLimits.perAccountAtAddress.max; attempt++)
      statuses.push((await post("/sign-in/email", { email: "ada@example.test", password: "wrong password!" })).status);
    expect(statuses.every((status) => status === 401)).toBe(true);
    expect((await post("/sign-in/email", { email: "ada@example.test", password })).status).toBe(200);
  });
});
