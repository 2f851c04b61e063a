import type { RunStore } from "../../../engine/ports/run-store";
import type { Logger } from "../../../engine/runtime/logger";
import { parseDatabaseUrl } from "../../db/database-url";
import { PgRunStore } from "./pg-run-store";
import { SqliteRunStore } from "./sqlite-run-store";

/**
 * The RunStore for a `DATABASE_URL`, its database migrated: `postgres://` / `postgresql://` →
 * PostgreSQL, anything else (`file:…` or a bare path, relative to the working directory) → SQLite
 * (with `sqliteBackgroundCheckpoints`, its WAL checkpointed by a worker thread: `startCheckpointer`).
 *
 * @example
 * const store = await openRunStore(process.env.DATABASE_URL ?? "file:./data/orka.db");
 */
export async function openRunStore(databaseUrl: string, options: { sqliteBackgroundCheckpoints?: { logger: Pick<Logger, "error"> } } = {}): Promise<RunStore> {
  const target = parseDatabaseUrl(databaseUrl);
  return target.provider === "postgres"
    ? PgRunStore.open(target.url)
    : SqliteRunStore.open(target.filename, { backgroundCheckpoints: options.sqliteBackgroundCheckpoints });
}
