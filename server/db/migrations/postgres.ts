import { randomUUID } from "node:crypto";
import type pg from "pg";
import { MigrationFailedError } from "./failed";
import { migrationsFolder, readMigrations, type Migration } from "./files";
import { pendingMigrations, type LedgerRow } from "./history";

/**
 * The session advisory lock `prisma migrate deploy` takes (`SELECT pg_advisory_lock(72707369)` in
 * Prisma's schema engine): holding the same one, our applier and the CLI exclude each other.
 */
export const prismaMigrateLockKey = 72_707_369;

const ledgerTable = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
  migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`;

/**
 * Applies the pending migrations of `folder` (default prisma/postgres/migrations) under Prisma's
 * advisory lock and returns their names; each migration commits together with its ledger row.
 * Throws MigrationHistoryError before applying anything when the ledger has an unfinished row or
 * an applied migration's file changed. `client` must not be inside a transaction.
 */
export async function migratePostgres(client: pg.ClientBase, { folder = migrationsFolder("postgres") } = {}): Promise<string[]> {
  await client.query("SELECT pg_advisory_lock($1)", [prismaMigrateLockKey]);
  let failed = false;
  try {
    await client.query(ledgerTable);
    const { rows } = await client.query<LedgerRow>(
      "SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs FROM _prisma_migrations",
    );
    const applied: string[] = [];
    for (const migration of pendingMigrations(readMigrations(folder), rows)) {
      await applyMigration(client, migration);
      applied.push(migration.name);
    }
    return applied;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // The lock belongs to the session: a pooled connection returned still holding it would block
    // every later migration. An unlock error after a failure would only hide the first error.
    await client.query("SELECT pg_advisory_unlock($1)", [prismaMigrateLockKey]).catch((error: unknown) => {
      if (!failed) throw error;
    });
  }
}

async function applyMigration(client: pg.ClientBase, migration: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    const { rows } = await client.query<{ now: Date }>("SELECT clock_timestamp() AS now");
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name, rows[0]!.now],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw MigrationFailedError.wrap(migration, error);
  }
}
