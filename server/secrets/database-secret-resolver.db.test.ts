import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteTestDb } from "../testing/sqlite-test-db";
import { openTeamSecretResolver } from "./database-secret-resolver";
import { encryptSecret } from "./secret-cipher";
import { secretsKeysFromEnv } from "./secrets-key";

const testDb = await createSqliteTestDb();
afterAll(() => testDb.cleanup());

describe("openTeamSecretResolver (the CLI's, on --db)", () => {
  it("reads and decrypts only the named secrets of the run's team", async () => {
    const env = { ORKA_SECRETS_KEY: randomBytes(32).toString("base64") };
    process.env.ORKA_SECRETS_KEY = env.ORKA_SECRETS_KEY;
    const keys = secretsKeysFromEnv(env);
    const [ours, theirs] = await Promise.all(["ours", "theirs"].map((slug) => testDb.db.team.create({ data: { name: slug, slug }, select: { id: true } })));
    const save = (teamId: string, name: string, value: string) =>
      testDb.db.teamSecret.create({ data: { teamId, name, ...encryptSecret(keys, { teamId, name }, value) } });
    await save(ours!.id, "TOKEN", "our token");
    await save(ours!.id, "UNASKED", "not needed");
    await save(theirs!.id, "OTHER", "their token");

    const { resolver, close } = openTeamSecretResolver(`file:${testDb.filename}`);
    try {
      expect(await resolver.resolve(ours!.id, ["TOKEN", "OTHER"])).toEqual({ TOKEN: "our token" });
    } finally {
      await close();
    }
  });

  it("opens no database until asked", async () => {
    await expect(openTeamSecretResolver("file:/nonexistent/folder/orka.db").close()).resolves.toBeUndefined();
  });
});
