import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToAuth } from "../../server/accounts/auth-test-kit";
import { createAuth } from "../../server/accounts/create-auth";
import { seed } from "../../server/db/seed";
import { createSqliteTestDb, type SqliteTestDb } from "../../server/testing/sqlite-test-db";

const root = path.resolve(import.meta.dirname, "../..");
const origin = "http://127.0.0.1:3997";
const oldPassword = "the forgotten password";

function orka(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/orka", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

let testDb: SqliteTestDb;
let auth: ReturnType<typeof createAuth>;
const signIn = (password: string) => postToAuth(auth, origin, "/sign-in/email", { email: "ada@example.test", password });

beforeAll(async () => {
  testDb = await createSqliteTestDb();
  await seed(testDb.db, { examples: false });
  auth = createAuth({ db: testDb.db, provider: "sqlite", baseURL: origin, secret: "test-secret-0123456789-0123456789-abcdef", rateLimit: false });
  const signUp = await postToAuth(auth, origin, "/sign-up/email", { name: "Ada", email: "ada@example.test", password: oldPassword });
  expect(signUp.status).toBe(200);
});

afterAll(() => testDb.cleanup());

describe("orka reset-password", () => {
  it("prints a new password that signs in, retires the old one and signs the person out", async () => {
    expect(await testDb.db.session.count()).toBe(1);
    const { code, stdout, stderr } = await orka("reset-password", "Ada@Example.test", "--db", `file:${testDb.filename}`);
    expect(code, stderr).toBe(0);
    const { email, password } = JSON.parse(stdout) as { email: string; password: string };
    expect(email).toBe("ada@example.test");
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(stderr).not.toContain(password);
    expect(await testDb.db.session.count()).toBe(0);
    expect((await signIn(oldPassword)).status).toBe(401);
    expect((await signIn(password)).status).toBe(200);
  });

  it("answers exit 2 for an email nobody has, changing nothing", async () => {
    const before = await testDb.db.account.findMany();
    const { code, stderr } = await orka("reset-password", "nobody@example.test", "--db", `file:${testDb.filename}`);
    expect(code).toBe(2);
    expect(stderr).toContain("no account for nobody@example.test");
    expect(await testDb.db.account.findMany()).toEqual(before);
  });
});
