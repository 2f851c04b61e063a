import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db, type DbProvider } from "@/server/db/create-prisma-client";
import { seed } from "@/server/db/seed";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createSqliteTestDb } from "@/server/testing/sqlite-test-db";
import { serveOverHttp } from "./auth-http-kit";
import { postToAuth } from "./auth-test-kit";
import { createAuth, signInLimits, type AuthSettings } from "./create-auth";
import { recordSocketAddresses } from "./socket-address";

const origin = "http://127.0.0.1:3994";
const owner = { name: "Olivia", email: "olivia@example.test", password: "olivia's long password" };
const wrong = { email: owner.email, password: "not olivia's password" };

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

const statusesOf = (responses: { status: number }[]) => responses.map((response) => response.status);
const count = (statuses: number[], status: number) => statuses.filter((candidate) => candidate === status).length;

describe.each(databases)("sign-in limits on %s", (_name, provider, db) => {
  const settings = (extra: Partial<AuthSettings> = {}): AuthSettings => ({ db: db!, provider, baseURL: origin, secret: "test-secret-0123456789-0123456789-abcdef", ...extra });
  /** Behind one reverse proxy: X-Forwarded-For's last entry is the client address. */
  const behindProxy = (extra: Partial<AuthSettings> = {}) => {
    const auth = createAuth(settings({ trustedProxyHops: 1, ...extra }));
    return (body: unknown, address: string) => postToAuth(auth, origin, "/sign-in/email", body, { "x-forwarded-for": `6.6.6.6, ${address}` });
  };

  beforeAll(async () => {
    if (!db) return;
    await seed(db, { examples: false });
    const signUp = await postToAuth(createAuth(settings({ trustedProxyHops: 1 })), origin, "/sign-up/email", owner, { "x-forwarded-for": "192.0.2.1" });
    expect(signUp.status).toBe(200);
  });

  it.skipIf(!db)("behind a proxy: wrong passwords from rotating addresses, and a run from one other address, do not stop the owner at theirs", async () => {
    const signIn = behindProxy();
    const rotating = [];
    for (let attempt = 0; attempt < 12; attempt++) rotating.push(await signIn(wrong, `203.0.113.${attempt + 1}`));
    expect(statusesOf(rotating)).toEqual(Array(12).fill(401));
    const oneAddress = [];
    for (let attempt = 0; attempt < 10; attempt++) oneAddress.push(await signIn(wrong, "198.51.100.66"));
    const max = signInLimits.perAddress.max;
    expect(statusesOf(oneAddress)).toEqual([...Array(max).fill(401), ...Array(10 - max).fill(429)]);
    expect((await signIn(owner, "192.0.2.1")).status).toBe(200);
  });

  it.skipIf(!db)("reached directly: forwarded headers are ignored, the connection's address counts, and the owner signs in from theirs", async () => {
    recordSocketAddresses();
    const server = await serveOverHttp(origin, createAuth(settings()).handler);
    try {
      const attacker = [];
      for (let attempt = 0; attempt < 12; attempt++)
        attacker.push(await server.post("/sign-in/email", wrong, { from: "127.0.0.2", headers: { "x-forwarded-for": `203.0.113.${attempt + 101}`, "x-orka-client-address": `203.0.113.${attempt + 1}` } }));
      const max = signInLimits.perAddress.max;
      expect(statusesOf(attacker)).toEqual([...Array(max).fill(401), ...Array(12 - max).fill(429)]);
      const signedIn = await server.post("/sign-in/email", owner, { from: "127.0.0.3", headers: { "x-forwarded-for": "127.0.0.2" } });
      expect(signedIn.status).toBe(200);
      const { token } = JSON.parse(signedIn.body) as { token: string };
      expect(await db!.session.findUniqueOrThrow({ where: { token }, select: { ipAddress: true } })).toEqual({ ipAddress: "127.0.0.3" });
    } finally {
      await server.close();
    }
  });

  it.skipIf(!db)("locks an account at one address after its limit, right password included; elsewhere, and other accounts there, still sign in", async () => {
    const signIn = behindProxy({ signInLimits: { perAddress: { windowSeconds: 60, max: 100 }, perAccountAtAddress: { windowSeconds: 900, max: 3 } } });
    const guesses = [];
    for (let attempt = 0; attempt < 3; attempt++) guesses.push(await signIn(wrong, "198.51.100.7"));
    expect(statusesOf(guesses)).toEqual([401, 401, 401]);
    const locked = await signIn(owner, "198.51.100.7");
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/Too many sign-in attempts for this account from this address/);
    expect((await signIn({ email: "someone.else@example.test", password: "whatever it is" }, "198.51.100.7")).status).toBe(401);
    expect((await signIn(owner, "198.51.100.8")).status).toBe(200);
  });

  it.skipIf(!db)("20 wrong passwords at once from one address: only the limit reach password verification (401), the rest are refused before (429)", async () => {
    const perAddress = await Promise.all(Array.from({ length: 20 }, () => behindProxy()(wrong, "198.51.100.20")));
    expect(count(statusesOf(perAddress), 401)).toBe(signInLimits.perAddress.max);
    expect(count(statusesOf(perAddress), 429)).toBe(20 - signInLimits.perAddress.max);

    const signIn = behindProxy({ signInLimits: { perAddress: { windowSeconds: 60, max: 100 }, perAccountAtAddress: { windowSeconds: 900, max: 3 } } });
    const perAccount = await Promise.all(Array.from({ length: 20 }, () => signIn(wrong, "198.51.100.21")));
    expect(count(statusesOf(perAccount), 401)).toBe(3);
    expect(count(statusesOf(perAccount), 429)).toBe(17);
  });
});
