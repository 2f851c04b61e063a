import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "../db/database-url";

/** How long the health check waits for the database before calling it unreachable. */
export const databaseCheckTimeoutMs = 2_000;

interface Checkers {
  sqlite: Map<string, Database.Database>;
  pg: Map<string, pg.Pool>;
}

// One connection of its own, apart from the app's pool and the engine's: a pool saturated by an
// attack must not make the database look down, nor may the check queue behind that pool.
const globalForCheck = globalThis as typeof globalThis & { orkaHealthCheckers?: Checkers };
const checkers = (globalForCheck.orkaHealthCheckers ??= { sqlite: new Map(), pg: new Map() });

/** Whether `SELECT 1` answers on the database `target` names within `databaseCheckTimeoutMs`. */
export async function databaseAnswers(target: DatabaseTarget): Promise<boolean> {
  try {
    if (target.provider === "sqlite") return sqliteAnswers(target.filename);
    return await withDeadline(postgresPool(target.url).query("SELECT 1"), databaseCheckTimeoutMs);
  } catch {
    return false;
  }
}

/**
 * Read-only, on a file that must exist (a missing file is not silently created); synchronous but
 * short: in WAL mode a reader does not wait for writers, and the busy timeout bounds the rest.
 */
function sqliteAnswers(filename: string): boolean {
  let db = checkers.sqlite.get(filename);
  if (!db) checkers.sqlite.set(filename, (db = new Database(filename, { readonly: true, fileMustExist: true, timeout: databaseCheckTimeoutMs })));
  try {
    db.prepare("SELECT 1 FROM sqlite_schema LIMIT 1").get();
    return true;
  } catch (error) {
    db.close();
    checkers.sqlite.delete(filename); // reopened by the next check
    throw error;
  }
}

function postgresPool(url: string): pg.Pool {
  let pool = checkers.pg.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: databaseCheckTimeoutMs, query_timeout: databaseCheckTimeoutMs, idleTimeoutMillis: 60_000 });
    // An idle connection the server dropped emits here; without a listener it would end the process.
    pool.on("error", () => undefined);
    checkers.pg.set(url, pool);
  }
  return pool;
}

async function withDeadline(query: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([query.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
