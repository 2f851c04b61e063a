import "server-only";
import type Database from "better-sqlite3";

// The deliveries index (status, next_attempt_at) answers the second half; the outbox is usually empty.
const quietSql = `SELECT NOT EXISTS (SELECT 1 FROM event_outbox) AND NOT EXISTS (SELECT 1 FROM event_deliveries WHERE status = 'pending')`;

/**
 * The publisher's "nothing to do" test on SQLite, on the engine store's connection: the outbox is
 * empty and no delivery is pending, so a publishing turn would only read empty tables through
 * Prisma (four queries). A few microseconds instead, on every wake of a busy engine.
 */
export function sqliteQuietProbe(database: Database.Database): () => boolean {
  const quiet = database.prepare<[], number>(quietSql).pluck();
  return () => quiet.get() === 1;
}
