import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationFailedError, MigrationHistoryError, migrateSqlite } from "@/server/db/migrate";
import { openSqlite } from "@/server/db/sqlite";
import { createMigrationFolder, type MigrationFolder } from "@/server/testing/migration-folder";

// What `prisma migrate diff` (6.19) writes for a parent with cascading children, then for a change
// SQLite cannot ALTER (a new default and column): the stock table rebuild.
const init = `-- CreateTable
CREATE TABLE "parents" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "children" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "parent_id" TEXT NOT NULL,
    CONSTRAINT "children_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "parents" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
`;
const rebuild = (copyWhere = "") => `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_parents" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT 'unnamed',
    "rank" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_parents" ("id", "name") SELECT "id", "name" FROM "parents"${copyWhere};
DROP TABLE "parents";
ALTER TABLE "new_parents" RENAME TO "parents";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;

let migrations: MigrationFolder;
let db: Database.Database;
let dbFolder: string;

function setUp() {
  migrations = createMigrationFolder({ "1_init": init });
  dbFolder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-applier-"));
  db = openSqlite(path.join(dbFolder, "test.db"));
  expect(migrateSqlite(db, { folder: migrations.folder })).toEqual(["1_init"]);
  db.exec(`INSERT INTO parents (id, name) VALUES ('p1', 'one'), ('p2', 'two');
    INSERT INTO children (id, parent_id) VALUES ('c1', 'p1'), ('c2', 'p1'), ('c3', 'p2');`);
}

afterEach(() => {
  db.close();
  migrations.cleanup();
  fs.rmSync(dbFolder, { recursive: true, force: true });
});

const childIds = () => (db.prepare(`SELECT id FROM children ORDER BY id`).all() as { id: string }[]).map((row) => row.id);
const ledgerNames = () =>
  (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`).all() as {
    migration_name: string;
  }[]).map((row) => row.migration_name);
const tableExists = (name: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/** The SQL statement on a line of its own in the message `act` throws. */
function statementIn(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    const line = (error as Error).message.split("\n").find((each) => each.trim().startsWith("UPDATE"));
    if (line) return line.trim();
  }
  throw new Error("no statement in the error");
}

describe("SQLite migration applier", () => {
  it("applies a stock Prisma table rebuild and keeps the rows of the tables that reference it", () => {
    setUp();
    migrations.write("2_rebuild", rebuild());

    expect(migrateSqlite(db, { folder: migrations.folder })).toEqual(["2_rebuild"]);

    expect(db.prepare(`SELECT id, name, rank FROM parents ORDER BY id`).all()).toEqual([
      { id: "p1", name: "one", rank: 0 },
      { id: "p2", name: "two", rank: 0 },
    ]);
    expect(childIds()).toEqual(["c1", "c2", "c3"]);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.exec(`DELETE FROM parents WHERE id = 'p2'`);
    expect(childIds()).toEqual(["c1", "c2"]);
  });

  it("(the hazard that test guards) the same rebuild inside a transaction with foreign keys on deletes every child", () => {
    setUp();
    db.transaction(() => db.exec(rebuild()))();
    expect(childIds()).toEqual([]);
  });

  it("refuses a migration that leaves a foreign key violation and rolls it back", () => {
    setUp();
    migrations.write("2_lossy_rebuild", rebuild(` WHERE "id" <> 'p2'`));

    expect(() => migrateSqlite(db, { folder: migrations.folder })).toThrow(MigrationFailedError);
    expect(() => migrateSqlite(db, { folder: migrations.folder })).toThrow(
      /2_lossy_rebuild .* rolled back.*foreign_key_check found 1 violation: "children" row \d+ references a missing "parents" row/,
    );

    expect(db.prepare(`SELECT * FROM parents ORDER BY id`).all()).toEqual([
      { id: "p1", name: "one" },
      { id: "p2", name: "two" },
    ]);
    expect(childIds()).toEqual(["c1", "c2", "c3"]);
    expect(tableExists("new_parents")).toBe(false);
    expect(ledgerNames()).toEqual(["1_init"]);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("rolls back a migration that fails half-way and records nothing, so the fixed file applies later", () => {
    setUp();
    migrations.write("2_half", `CREATE TABLE "pets" ("id" TEXT PRIMARY KEY);\nINSERT INTO "no_such_table" VALUES (1);`);

    expect(() => migrateSqlite(db, { folder: migrations.folder })).toThrow(/2_half .* rolled back.*no such table: no_such_table/);
    expect(tableExists("pets")).toBe(false);
    expect(ledgerNames()).toEqual(["1_init"]);

    migrations.write("2_half", `CREATE TABLE "pets" ("id" TEXT PRIMARY KEY);`);
    expect(migrateSqlite(db, { folder: migrations.folder })).toEqual(["2_half"]);
  });

  it("refuses to start on an unfinished migration row until it is marked rolled back", () => {
    setUp();
    migrations.write("2_pets", `CREATE TABLE "pets" ("id" TEXT PRIMARY KEY);`);
    migrations.write("3_toys", `CREATE TABLE "toys" ("id" TEXT PRIMARY KEY);`);
    db.prepare(`INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at) VALUES ('row-2', 'x', '2_pets', ?, ?)`).run(
      "Database error: table pets already exists\nmore detail",
      "2026-11-24T10:00:00.000+00:00",
    );

    const attempt = () => migrateSqlite(db, { folder: migrations.folder });
    expect(attempt).toThrow(MigrationHistoryError);
    expect(attempt).toThrow(/Migration 2_pets started at 2026-11-24T10:00:00.000\+00:00 and never finished.*table pets already exists\)/);
    expect(attempt).toThrow(/P3009/);
    expect(attempt).toThrow(/SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = '2_pets' AND finished_at IS NULL;.*migrate resolve --applied 2_pets/s);
    expect(tableExists("pets") || tableExists("toys")).toBe(false);

    // The way out the message gives, run as given.
    db.exec(statementIn(() => attempt()));
    expect(attempt()).toEqual(["2_pets", "3_toys"]);
  });

  it("refuses to start when an applied migration's file changed, naming the file", () => {
    setUp();
    migrations.write("2_pets", `CREATE TABLE "pets" ("id" TEXT PRIMARY KEY);`);
    migrations.write("1_init", `${init}\n-- an edit after the fact\n`);

    const attempt = () => migrateSqlite(db, { folder: migrations.folder });
    expect(attempt).toThrow(MigrationHistoryError);
    expect(attempt).toThrow(`Migration 1_init was changed after it was applied: ${path.join(migrations.folder, "1_init", "migration.sql")}`);
    expect(tableExists("pets")).toBe(false);
  });

  it("accepts an applied migration whose file only changed its line endings, as Prisma does", () => {
    setUp();
    migrations.write("1_init", init.replaceAll("\n", "\r\n"));
    expect(migrateSqlite(db, { folder: migrations.folder })).toEqual([]);
  });
});
