import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { decryptSecret } from "@/server/secrets/secret-cipher";
import { secretsKeysFromEnv } from "@/server/secrets/secrets-key";
import { createWorkflowsTestKit, type WorkflowsTestKit } from "../workflows/workflows-test-kit";

const key = randomBytes(32).toString("base64");
const value = "sk_live_R4nd0m-Value/with+chars==";

let kit: WorkflowsTestKit;
let owner: Session;
let editor: Session;
let viewer: Session;
let stranger: Session;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  owner = await kit.memberOf("owner", "Secret keepers");
  editor = await kit.joinTeamOf(owner, "editor");
  viewer = await kit.joinTeamOf(owner, "viewer");
  stranger = await kit.memberOf("owner", "Strangers");
});
afterAll(() => kit.testDb.cleanup());

beforeEach(() => {
  process.env.ORKA_SECRETS_KEY = key;
  delete process.env.ORKA_SECRETS_KEY_PREVIOUS;
});
afterEach(async () => {
  await kit.testDb.db.teamSecret.deleteMany({});
});

/** Every stored secret row as text, to compare before and after a refused call. */
const snapshot = async () => JSON.stringify(await kit.testDb.db.teamSecret.findMany({ orderBy: { id: "asc" } }));

describe("secrets.set and secrets.list", () => {
  it("saves a value encrypted, then lists its name for every member, never the value or its ciphertext", async () => {
    const saved = await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    expect(saved).toEqual({ name: "TOKEN", updatedAt: expect.any(Date), created: true });

    const row = await kit.testDb.db.teamSecret.findUniqueOrThrow({ where: { teamId_name: { teamId: owner.team.id, name: "TOKEN" } } });
    expect(row).toMatchObject({ keyId: secretsKeysFromEnv().current.id, updatedById: owner.user.id });
    expect(row.ciphertext).not.toContain(value);
    expect(decryptSecret(secretsKeysFromEnv(), { teamId: owner.team.id, name: "TOKEN" }, row)).toBe(value);

    const listed = await kit.callerFor(viewer).secrets.list();
    expect(listed).toEqual({
      secrets: [{ name: "TOKEN", updatedAt: saved.updatedAt, updatedBy: { id: owner.user.id, name: owner.user.name }, key: "current" }],
      canEdit: false,
      keyProblem: null,
      limit: 100,
    });
    expect((await kit.callerFor(owner).secrets.list()).canEdit).toBe(true);
    expect((await kit.callerFor(editor).secrets.list()).canEdit).toBe(false);
    for (const text of [JSON.stringify(saved), JSON.stringify(listed)]) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(row.ciphertext);
    }
  });

  it("replaces a value under the same name and records both saves in the audit log by name only", async () => {
    await kit.callerFor(owner).secrets.set({ name: "TOKEN", value: "first value" });
    const replaced = await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    expect(replaced).toMatchObject({ name: "TOKEN", created: false });
    expect(await kit.testDb.db.teamSecret.count({ where: { teamId: owner.team.id } })).toBe(1);
    const row = await kit.testDb.db.teamSecret.findFirstOrThrow({ where: { teamId: owner.team.id } });
    expect(decryptSecret(secretsKeysFromEnv(), { teamId: owner.team.id, name: "TOKEN" }, row)).toBe(value);

    const audit = await kit.testDb.db.auditEvent.findMany({ where: { teamId: owner.team.id, action: "secret.saved" }, orderBy: { createdAt: "asc" } });
    expect(audit.slice(-2).map((entry) => [entry.targetType, entry.targetLabel, entry.actorId, entry.detail])).toEqual([
      ["secret", "TOKEN", owner.user.id, JSON.stringify({ replaced: false })],
      ["secret", "TOKEN", owner.user.id, JSON.stringify({ replaced: true })],
    ]);
    const allAudit = JSON.stringify(await kit.testDb.db.auditEvent.findMany());
    expect(allAudit).not.toContain(value);
    expect(allAudit).not.toContain("first value");
  });

  it("keeps each team's secrets apart: the same name in two teams, each listing only its own", async () => {
    await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    await kit.callerFor(stranger).secrets.set({ name: "TOKEN", value: "theirs" });
    expect((await kit.callerFor(stranger).secrets.list()).secrets.map((secret) => secret.name)).toEqual(["TOKEN"]);
    await kit.callerFor(stranger).secrets.delete({ name: "TOKEN" });
    expect((await kit.callerFor(owner).secrets.list()).secrets.map((secret) => secret.name)).toEqual(["TOKEN"]);
    expect((await kit.callerFor(stranger).secrets.list()).secrets).toEqual([]);
  });

  it("refuses a bad name, an empty or oversized value, with the field named and nothing changed", async () => {
    await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    const before = await snapshot();
    const nameRule = "a secret name is upper-case letters, digits and _, starting with a letter, at most 64 characters (like STRIPE_KEY)";
    for (const name of ["token", "1TOKEN", "MY-TOKEN", "", `A${"B".repeat(64)}`, "TOKEN NAME"]) {
      const refused = kit.callerFor(owner).secrets.set({ name, value: "v" });
      await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(nameRule) });
    }
    for (const [tooLong, message] of [["", "value is empty"], ["x".repeat(8193), "value is at most 8192 characters"]] as const) {
      const error = await kit.callerFor(owner).secrets.set({ name: "TOKEN", value: tooLong }).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(message) });
      expect(JSON.stringify(error)).not.toContain("x".repeat(100));
    }
    expect(await snapshot()).toBe(before);
    // The longest value and name allowed are fine.
    await expect(kit.callerFor(owner).secrets.set({ name: `A${"B".repeat(63)}`, value: "x".repeat(8192) })).resolves.toMatchObject({ created: true });
  });

  it("allows 100 secrets per team: the 101st is refused, replacing one is still allowed", async () => {
    const team = await kit.memberOf("owner", "Hoarders");
    const names = Array.from({ length: 100 }, (_, index) => `S_${index}`);
    const keys = secretsKeysFromEnv();
    // Rows written directly (the router's path is covered above): only the count matters here.
    await kit.testDb.db.teamSecret.createMany({ data: names.map((name) => ({ teamId: team.team.id, name, ciphertext: "x", keyId: keys.current.id })) });
    await expect(kit.callerFor(team).secrets.set({ name: "ONE_MORE", value: "v" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "too many secrets: name: a team has at most 100 secrets: delete one before adding another",
    });
    await expect(kit.callerFor(team).secrets.set({ name: "S_7", value: "v" })).resolves.toMatchObject({ created: false });
    expect(await kit.testDb.db.teamSecret.count({ where: { teamId: team.team.id } })).toBe(100);
  });

  it("says how to set the key when ORKA_SECRETS_KEY is missing or invalid, and saves nothing", async () => {
    delete process.env.ORKA_SECRETS_KEY;
    await expect(kit.callerFor(owner).secrets.set({ name: "TOKEN", value })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "ORKA_SECRETS_KEY is not set: team secrets are encrypted with it; generate one with `openssl rand -base64 32`, set it in the server's environment and restart the server",
    });
    expect((await kit.callerFor(viewer).secrets.list()).keyProblem).toMatch(/^ORKA_SECRETS_KEY is not set/);
    process.env.ORKA_SECRETS_KEY = "not-a-key";
    await expect(kit.callerFor(owner).secrets.set({ name: "TOKEN", value })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/^ORKA_SECRETS_KEY is not a valid key: it must be 32 random bytes/),
    });
    expect(await kit.testDb.db.teamSecret.count()).toBe(0);
  });

  it("tells which secrets still need the previous key after a rotation", async () => {
    await kit.callerFor(owner).secrets.set({ name: "OLD", value });
    process.env.ORKA_SECRETS_KEY = randomBytes(32).toString("hex");
    process.env.ORKA_SECRETS_KEY_PREVIOUS = key;
    await kit.callerFor(owner).secrets.set({ name: "NEW", value });
    expect((await kit.callerFor(owner).secrets.list()).secrets.map((secret) => [secret.name, secret.key])).toEqual([
      ["NEW", "current"],
      ["OLD", "previous"],
    ]);
    delete process.env.ORKA_SECRETS_KEY_PREVIOUS;
    expect((await kit.callerFor(owner).secrets.list()).secrets.map((secret) => secret.key)).toEqual(["current", "unknown"]);
  });
});

describe("secrets.delete", () => {
  it("deletes by name and records it; a second delete is NOT_FOUND", async () => {
    await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    expect(await kit.callerFor(owner).secrets.delete({ name: "TOKEN" })).toEqual({ name: "TOKEN" });
    expect((await kit.callerFor(owner).secrets.list()).secrets).toEqual([]);
    await expect(kit.callerFor(owner).secrets.delete({ name: "TOKEN" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "secret TOKEN not found" });
    const [entry] = await kit.testDb.db.auditEvent.findMany({ where: { teamId: owner.team.id, action: "secret.deleted" } });
    expect(entry).toMatchObject({ targetType: "secret", targetLabel: "TOKEN", actorId: owner.user.id });
  });

  it("works without the key: a secret saved under a lost key can still be removed", async () => {
    await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    delete process.env.ORKA_SECRETS_KEY;
    await expect(kit.callerFor(owner).secrets.delete({ name: "TOKEN" })).resolves.toEqual({ name: "TOKEN" });
  });
});

describe("secrets: access", () => {
  it("lets only owners change secrets: editors and viewers are FORBIDDEN and nothing changes", async () => {
    await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    const before = await snapshot();
    for (const member of [editor, viewer]) {
      await expect(kit.callerFor(member).secrets.set({ name: "TOKEN", value: "overwritten" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "needs the owner role" });
      await expect(kit.callerFor(member).secrets.set({ name: "OTHER", value: "new" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(kit.callerFor(member).secrets.delete({ name: "TOKEN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers UNAUTHORIZED without a session", async () => {
    const anonymous = kit.callerFor(null);
    await expect(anonymous.secrets.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.secrets.set({ name: "TOKEN", value })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.secrets.delete({ name: "TOKEN" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("answers NOT_FOUND for another team's secret and leaves it in place", async () => {
    await kit.callerFor(owner).secrets.set({ name: "TOKEN", value });
    await expect(kit.callerFor(stranger).secrets.delete({ name: "TOKEN" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).secrets.delete({ name: "no such name!" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.testDb.db.teamSecret.count({ where: { teamId: owner.team.id } })).toBe(1);
  });
});
