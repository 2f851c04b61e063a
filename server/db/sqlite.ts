import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Opens the embedded database with the settings the engine's durability relies on: WAL (readers
 * never block the writer), `synchronous=NORMAL` (a commit survives a process kill),
 * a busy timeout for the second process (Prisma) on the same file, and foreign keys on.
 */
export function openSqlite(filename: string): Database.Database {
  if (filename !== ":memory:") fs.mkdirSync(path.dirname(filename), { recursive: true });
  const db = new Database(filename);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  // Measured on the engine benchmark (bench/engine.bench.ts, 10-step chains, 64 in flight):
  // checkpoints every ~40 MB of WAL instead of 4 MB raise throughput by ~40%. The page cache stays
  // at 16 MB: commits append rows (same CPU per commit at 2, 8, 16 and 64 MB, interleaved), while
  // every cached page of a growing file is resident memory (64 MB let the cache hold 48 MB more).
  db.pragma(`cache_size = -${pageCacheKiB}`);
  db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
  return db;
}

/**
 * WAL pages after which a committing connection copies the WAL back into the database file, inline
 * (fsync included). Every connection on the file needs the same setting (Prisma's too:
 * `create-prisma-client.ts`): one left at SQLite's default (1,000 pages ≈ 4 MB) checkpoints on
 * nearly every commit of its own while the engine writes, stalling the event loop.
 */
export const walAutocheckpointPages = 10_000;

const pageCacheKiB = 16_384;
