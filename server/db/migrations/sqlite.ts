import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { MigrationFailedError } from "./failed";
import { migrationsFolder, readMigrations, type Migration } from "./files";
import { pendingMigrations, type LedgerRow } from "./history";

const ledgerTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
}

/**
 * Applies the pending migrations of `folder` (default prisma/sqlite/migrations) and returns their
 * names. Each runs in its own transaction with foreign keys off, as Prisma's table rebuilds
 * (`PRAGMA foreign_keys=OFF` ... `DROP TABLE` ... `RENAME`) expect; it commits only when
 * `PRAGMA foreign_key_check` finds no violation. Throws MigrationHistoryError before applying
 * anything when the ledger has an unfinished row or an applied migration's file changed.
 */
export function migrateSqlite(db: Database.Database, { folder = migrationsFolder("sqlite") } = {}): string[] {
  db.exec(ledgerTable);
  const ledger = db.prepare(`SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs FROM _prisma_migrations`);
  const pending = pendingMigrations(readMigrations(folder), ledger.all() as LedgerRow[]);
  return pending.filter((migration) => applyMigration(db, migration)).map((migration) => migration.name);
}

/** False when another process applied it first (checked under the write lock). */
function applyMigration(db: Database.Database, migration: Migration): boolean {
  // PRAGMA foreign_keys is a no-op inside a transaction: inside one, a rebuild's DROP TABLE would
  // cascade-delete every child row. So it is switched off around the transaction instead.
  const foreignKeys = db.pragma("foreign_keys", { simple: true }) as number;
  db.pragma("foreign_keys = OFF");
  try {
    return db
      .transaction(() => {
        if (isApplied(db, migration.name)) return false;
        const startedAt = ledgerTime();
        db.exec(migration.sql);
        const violations = db.pragma("foreign_key_check") as ForeignKeyViolation[];
        if (violations.length > 0) throw new MigrationFailedError(migration, describe(violations));
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), migration.checksum, migration.name, startedAt, ledgerTime());
        return true;
      })
      .immediate();
  } catch (error) {
    throw MigrationFailedError.wrap(migration, error);
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  }
}

function isApplied(db: Database.Database, name: string): boolean {
  const row = db
    .prepare(`SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
    .get(name);
  return row !== undefined;
}

/** The text form `prisma migrate deploy` writes through adapter-better-sqlite3. */
function ledgerTime(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

function describe(violations: readonly ForeignKeyViolation[]): string {
  const shown = violations
    .slice(0, 5)
    .map((violation) => `"${violation.table}" row ${violation.rowid ?? "?"} references a missing "${violation.parent}" row`);
  const more = violations.length > shown.length ? `, and ${violations.length - shown.length} more` : "";
  return `PRAGMA foreign_key_check found ${violations.length} violation${violations.length === 1 ? "" : "s"}: ${shown.join("; ")}${more}.`;
}
