import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, type Db } from "../db/create-prisma-client";
import { migrateSqlite } from "../db/migrate";
import { openSqlite } from "../db/sqlite";

export interface SqliteTestDb {
  db: Db;
  filename: string;
  /** Disconnects and deletes the database files. */
  cleanup(): Promise<void>;
}

/** A fresh, migrated SQLite database in a temporary folder: one per test file. */
export async function createSqliteTestDb(): Promise<SqliteTestDb> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-test-"));
  const filename = path.join(folder, "test.db");
  const sqlite = openSqlite(filename);
  try {
    migrateSqlite(sqlite);
  } finally {
    sqlite.close();
  }
  const db = createPrismaClient({ provider: "sqlite", filename, url: `file:${filename}` });
  return {
    db,
    filename,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
