import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import type pg from "pg";

/**
 * Applies Prisma's migration files (prisma/<provider>/migrations/*) and records them in
 * `_prisma_migrations` the way `prisma migrate deploy` does, so both agree on what is applied.
 * Used where spawning the Prisma CLI is too slow: the CLI's private database, tests and start-up
 * (on PostgreSQL each Prisma schema-engine call costs ~12 s here).
 */
const prismaRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma");

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: "sqlite" | "postgres"): Migration[] {
  const folder = path.join(prismaRoot, provider, "migrations");
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const sqliteLedger = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

export function migrateSqlite(db: Database.Database): string[] {
  db.exec(sqliteLedger);
  const applied = new Set(
    (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`).all() as {
      migration_name: string;
    }[]).map((row) => row.migration_name),
  );
  const record = db.prepare(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     VALUES (?, ?, ?, ?, ?, 1)`,
  );
  const done: string[] = [];
  for (const migration of readMigrations("sqlite")) {
    if (applied.has(migration.name)) continue;
    const startedAt = Date.now();
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(randomUUID(), migration.checksum, migration.name, startedAt, Date.now());
    })();
    done.push(migration.name);
  }
  return done;
}

const postgresLedger = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
  migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`;

/** Serialised by an advisory lock so several processes may start against one database. */
export async function migratePostgres(client: pg.ClientBase): Promise<string[]> {
  const lockKey = 7_262_023;
  await client.query("SELECT pg_advisory_lock($1)", [lockKey]);
  try {
    await client.query(postgresLedger);
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL",
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const done: string[] = [];
    for (const migration of readMigrations("postgres")) {
      if (applied.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [lockKey]);
  }
}
