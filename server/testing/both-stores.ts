import { afterAll } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { PgRunStore } from "../engine-host/stores/pg-run-store";
import { SqliteRunStore } from "../engine-host/stores/sqlite-run-store";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "./postgres-test-db";
import { createSqliteTestDatabase, type SqliteTestDatabase } from "./sqlite-store-db";

export interface BothStores {
  sqlite: SqliteTestDatabase;
  /** null when no PostgreSQL server answers outside CI: its tests skip (under CI they fail instead). */
  postgres: PostgresTestDatabase | null;
  /** `[name, openStore]` rows for `describe.each`: SQLite always, PostgreSQL when there is one. */
  databases: [string, () => Promise<RunStore>][];
}

/**
 * A fresh, migrated SQLite and PostgreSQL database for one test file, both removed after all its
 * tests (the `afterAll` is registered here, so call this at the top level of the file).
 *
 * @example
 * const { databases } = await createBothStores();
 * describe.each(databases)("redrive on %s", (_name, openStore) => { ... });
 */
export async function createBothStores(): Promise<BothStores> {
  const sqlite = createSqliteTestDatabase();
  const postgres = await createPostgresTestDatabase();
  afterAll(async () => {
    sqlite.cleanup();
    await postgres?.drop();
  });
  const databases: [string, () => Promise<RunStore>][] = [["SQLite", async () => SqliteRunStore.open(sqlite.filename)]];
  if (postgres) databases.push(["PostgreSQL", () => PgRunStore.open(postgres.url)]);
  return { sqlite, postgres, databases };
}
