import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "@/server/db/migrate";
import { findMigrationDrift } from "./migration-drift";

// The check `npm test` runs, pointed at temporary copies of the SQLite schema and migrations.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "orka-drift-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const databaseUrl = `file:${path.join(scratch, "scratch.db")}`;
const prismaFolder = path.join(import.meta.dirname, "../../prisma");

function copyOfSchema(name: string, change: (appModels: string) => string = (models) => models): string {
  const schema = path.join(scratch, name);
  fs.mkdirSync(path.join(schema, "models"), { recursive: true });
  fs.copyFileSync(path.join(prismaFolder, "sqlite/schema.prisma"), path.join(schema, "schema.prisma"));
  for (const file of fs.readdirSync(path.join(prismaFolder, "models"))) {
    const text = fs.readFileSync(path.join(prismaFolder, "models", file), "utf8");
    fs.writeFileSync(path.join(schema, "models", file), file === "app.prisma" ? change(text) : text);
  }
  return schema;
}

function withNickname(models: string): string {
  const changed = models.replace(/^(model User \{\n)/m, "$1  nickname String?\n");
  expect(changed).not.toBe(models);
  return changed;
}

describe("the migration drift check", () => {
  it("passes when the migrations build the models' schema", async () => {
    await expect(findMigrationDrift({ migrations: migrationsFolder("sqlite"), schema: copyOfSchema("same"), databaseUrl })).resolves.toBeNull();
  });

  it("fails, saying what differs, when a model gained a field without a migration", async () => {
    const drift = await findMigrationDrift({ migrations: migrationsFolder("sqlite"), schema: copyOfSchema("nickname", withNickname), databaseUrl });
    expect(drift).toMatch(/disagree/);
    expect(drift).toMatch(/Changed the `users` table\n\s+\[\+\] Added column `nickname`/);
    expect(drift).toMatch(/Add a migration for it/);
  });

  it("fails when a migration changed the schema without the models", async () => {
    const migrations = path.join(scratch, "migrations");
    fs.cpSync(migrationsFolder("sqlite"), migrations, { recursive: true });
    fs.mkdirSync(path.join(migrations, "29991231000000_nickname"));
    fs.writeFileSync(path.join(migrations, "29991231000000_nickname/migration.sql"), `ALTER TABLE "users" ADD COLUMN "nickname" TEXT;\n`);

    const drift = await findMigrationDrift({ migrations, schema: copyOfSchema("same"), databaseUrl });
    // SQLite drops a column by rebuilding the table.
    expect(drift).toMatch(/\[\*\] Redefined table `users`/);
    await expect(findMigrationDrift({ migrations, schema: copyOfSchema("nickname", withNickname), databaseUrl })).resolves.toBeNull();
  });
});
