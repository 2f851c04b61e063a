import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface MigrationFolder {
  /** Pass as `{ folder }` to migrateSqlite / migratePostgres. */
  folder: string;
  /** Writes (or overwrites) `<name>/migration.sql`. */
  write(name: string, sql: string): void;
  cleanup(): void;
}

/**
 * A temporary migrations folder laid out as Prisma's (`<name>/migration.sql`), for applier tests
 * with migrations of their own.
 *
 * @example
 * const migrations = createMigrationFolder({ "1_init": `CREATE TABLE "parents" ("id" TEXT PRIMARY KEY)` });
 * migrateSqlite(db, { folder: migrations.folder });
 */
export function createMigrationFolder(initial: Record<string, string> = {}): MigrationFolder {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-migrations-"));
  const write = (name: string, sql: string) => {
    fs.mkdirSync(path.join(folder, name), { recursive: true });
    fs.writeFileSync(path.join(folder, name, "migration.sql"), sql);
  };
  for (const [name, sql] of Object.entries(initial)) write(name, sql);
  return { folder, write, cleanup: () => fs.rmSync(folder, { recursive: true, force: true }) };
}
