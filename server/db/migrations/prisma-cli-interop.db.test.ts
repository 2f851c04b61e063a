import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPrismaCli } from "@/scripts/lib/prisma-cli";
import { migrateSqlite, migrationsFolder, readMigrations } from "@/server/db/migrate";
import { openSqlite } from "@/server/db/sqlite";

// Our applier and `prisma migrate deploy` share `_prisma_migrations`: either may migrate a
// database the other migrated before (on PostgreSQL: postgres-applier.db.test.ts).
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-interop-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const allMigrations = readMigrations(migrationsFolder("sqlite")).map((migration) => migration.name);

describe("SQLite: our applier and `prisma migrate deploy`", () => {
  it("finds nothing to apply on a database `prisma migrate deploy` migrated", async () => {
    const filename = path.join(folder, "by-prisma.db");
    const deploy = await runPrismaCli(["migrate", "deploy"], { databaseUrl: `file:${filename}` });
    expect(deploy.code, deploy.stdout + deploy.stderr).toBe(0);
    const db = openSqlite(filename);
    try {
      expect(migrateSqlite(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("leaves nothing for `prisma migrate deploy` to apply", async () => {
    const filename = path.join(folder, "by-orka.db");
    const db = openSqlite(filename);
    try {
      expect(migrateSqlite(db)).toEqual(allMigrations);
    } finally {
      db.close();
    }
    const deploy = await runPrismaCli(["migrate", "deploy"], { databaseUrl: `file:${filename}` });
    expect(deploy.code, deploy.stdout + deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain("No pending migrations to apply.");
  });
});
