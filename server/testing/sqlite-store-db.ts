import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqlite } from "../db/migrate";
import { openSqlite } from "../db/sqlite";

export interface SqliteTestDatabase {
  filename: string;
  /** `file:` URL for Prisma or `openRunStore`. */
  url: string;
  /** Removes the file with its `-wal` and `-shm` companions; close connections first. */
  cleanup(): void;
}

/**
 * A fresh, migrated SQLite database file in its own temporary folder, one per test file.
 *
 * @example
 * const database = createSqliteTestDatabase();
 * afterAll(() => database.cleanup());
 */
export function createSqliteTestDatabase(): SqliteTestDatabase {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-test-"));
  const filename = path.join(folder, "orka.db");
  const db = openSqlite(filename);
  try {
    migrateSqlite(db);
  } finally {
    db.close();
  }
  return {
    filename,
    url: `file:${filename}`,
    cleanup: () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}
